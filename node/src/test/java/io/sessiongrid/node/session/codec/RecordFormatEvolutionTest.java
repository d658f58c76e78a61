package io.sessiongrid.node.session.codec;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sessiongrid.node.session.model.EventWindow;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;
import io.sessiongrid.node.session.model.SessionView;
import io.sessiongrid.node.session.model.StoredEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rolling upgrade runs node versions N and N+1 in one cluster. Here member "old" serializes session
 * records as this build does and member "next" as a build whose record has one more field; records
 * cross between them both ways through Hazelcast's real Compact serialization and schema exchange.
 */
class RecordFormatEvolutionTest {

    private static final AtomicReference<String> EXTRA_SEEN = new AtomicReference<>();
    private static TwoBuilds cluster;
    private static HazelcastInstance old;
    private static HazelcastInstance next;

    @BeforeAll
    static void start() {
        cluster = TwoBuilds.start("sessions.evolution", List.of(new NextVersionRecordCodec()));
        old = cluster.thisBuild();
        next = cluster.otherBuild();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void theNextVersionReadsThisVersionsRecords() {
        SessionKey key = keyOwnedBy(old);
        old.<SessionKey, SessionRecord>getMap("sessions.evolution").put(key, sample());
        EXTRA_SEEN.set("unset");

        SessionRecord read = next.<SessionKey, SessionRecord>getMap("sessions.evolution").get(key);

        assertThat(content(read)).isEqualTo(content(sample()));
        assertThat(EXTRA_SEEN.get()).isEqualTo("absent: the writer was older");
    }

    @Test
    void thisVersionReadsTheNextVersionsRecords() {
        SessionKey key = keyOwnedBy(next);
        next.<SessionKey, SessionRecord>getMap("sessions.evolution").put(key, sample());

        IMap<SessionKey, SessionRecord> fromOld = old.getMap("sessions.evolution");
        SessionRecord read = fromOld.get(key);

        assertThat(content(read)).isEqualTo(content(sample()));
    }

    private static SessionRecord sample() {
        List<StoredEvent> events = List.of(
                new StoredEvent("e1", 1700000000.5, 1, 1700000000.6, bytes("{\"id\":\"e1\",\"author\":\"a\"}")),
                new StoredEvent("e2", 1700000001.5, 2, 1700000001.6, bytes("{\"id\":\"e2\",\"author\":\"b\"}")));
        return new SessionRecord(1700000000.0, 1700000001.5, 2, Map.of("k", bytes("\"v\"")), events,
                new SessionRecord.Lifecycle(60, 30, 1700000002.0, 3));
    }

    /** What a user sees of a record, plus its lifecycle fields, as comparable text. */
    private static String content(SessionRecord record) {
        SessionView view = record.view(EventWindow.ALL);
        Map<String, String> state = new TreeMap<>();
        view.state().forEach((k, v) -> state.put(k, new String(v, StandardCharsets.UTF_8)));
        return view.version() + " " + view.createTime() + " " + view.lastUpdateTime() + " " + state + " "
                + view.events().stream().map(e -> new String(e, StandardCharsets.UTF_8)).collect(Collectors.toList())
                + " " + record.parts().lifecycle() + " " + view.traits().sizeBytes();
    }

    private static SessionKey keyOwnedBy(HazelcastInstance member) {
        for (int i = 0; ; i++) {
            SessionKey key = new SessionKey("evolution", "user-" + i, "s");
            if (member.getPartitionService().getPartition(key).getOwner().localMember()) {
                return key;
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The record codec of a build one version ahead: the same fields plus one it added. */
    static final class NextVersionRecordCodec implements CompactSerializer<SessionRecord> {
        private final StoredCodecs.SessionRecordCodec current = new StoredCodecs.SessionRecordCodec();

        @Override
        public SessionRecord read(CompactReader reader) {
            EXTRA_SEEN.set(reader.getFieldKind("nextField") == FieldKind.STRING
                    ? reader.readString("nextField") : "absent: the writer was older");
            return current.read(reader);
        }

        @Override
        public void write(CompactWriter writer, SessionRecord record) {
            current.write(writer, record);
            writer.writeString("nextField", "from the next version");
        }

        @Override
        public String getTypeName() {
            return current.getTypeName();
        }

        @Override
        public Class<SessionRecord> getCompactClass() {
            return SessionRecord.class;
        }
    }
}
