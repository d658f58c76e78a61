package io.sessiongrid.node.session.codec;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sessiongrid.node.session.Session;
import io.sessiongrid.node.session.SessionMaps;
import io.sessiongrid.node.session.SessionService;
import io.sessiongrid.node.session.model.EventWindow;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;
import io.sessiongrid.node.session.model.SessionView;
import io.sessiongrid.node.session.process.ReadSessionProcessor;
import io.sessiongrid.node.support.Engines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.sessiongrid.node.support.StateText.obj;
import static io.sessiongrid.node.support.StateText.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A get asks the session's read to bring the user's {@code user:} layer along instead of reading it with
 * a call of its own. Member "older" runs the read's and the view's codecs of the build before that flag
 * (its classes are this build's; only what crosses the wire is the older build's): it neither reads the
 * flag nor writes the layer. A get on the current member shows all three layers
 * whichever of the two holds the session.
 */
class UserLayerAlongEvolutionTest {

    private static TwoBuilds cluster;
    private static HazelcastInstance current;
    private static HazelcastInstance older;
    private static SessionService engine;

    @BeforeAll
    static void start() {
        cluster = TwoBuilds.start("user-layer-along", List.of(new ReadCodecBeforeTheFlag(), new ViewCodecBeforeTheFlag()));
        current = cluster.thisBuild();
        older = cluster.otherBuild();
        engine = Engines.on(current);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aGetShowsTheUserLayerWhicheverBuildHoldsTheSession() {
        for (HazelcastInstance holder : List.of(current, older)) {
            String holderName = holder == current ? "current" : "older";
            String user = userOwnedBy(holder, "along-app");
            engine.create("along-app", user, "first", obj("{\"step\":0,\"user:theme\":\"dark\",\"app:region\":\"eu\"}"));
            engine.create("along-app", user, "second", obj("{\"step\":1,\"user:lang\":\"en\"}"));

            Session read = engine.get("along-app", user, "first", EventWindow.ALL);

            assertThat(text(read.state())).as("session held by %s", holderName)
                    .containsExactlyInAnyOrderEntriesOf(Map.of("step", "0", "app:region", "\"eu\"",
                            "user:theme", "\"dark\"", "user:lang", "\"en\""));
        }
    }

    @Test
    void theReadShipsTheLayerThroughItsCodecOnThisBuildAndAnOlderBuildLeavesItOut() {
        for (HazelcastInstance holder : List.of(current, older)) {
            String user = userOwnedBy(holder, "along-codec");
            engine.create("along-codec", user, "first", obj("{\"step\":0,\"user:theme\":\"dark\"}"));
            SessionKey key = new SessionKey("along-codec", user, "first");

            // The public API gives the processor no slot, so even a local answer crosses the codec.
            SessionView view = current.<SessionKey, SessionRecord>getMap(SessionMaps.sessionsMapName("along-codec"))
                    .executeOnKey(key, new ReadSessionProcessor(EventWindow.ALL, 0, true));

            assertThat(text(view.state())).containsExactly(Map.entry("step", "0"));
            if (holder == current) {
                assertThat(view.userLayer()).isNotNull();
                assertThat(text(view.userLayer().values())).containsExactly(Map.entry("theme", "\"dark\""));
            } else {
                assertThat(view.userLayer()).as("an older build neither reads nor ships the layer").isNull();
            }
        }
    }

    @Test
    void aGetOfASessionThatIsNotThereIsStillNotFoundOnEitherBuild() {
        for (HazelcastInstance holder : List.of(current, older)) {
            String user = userOwnedBy(holder, "along-missing");
            engine.create("along-missing", user, "present", obj("{\"user:theme\":\"dark\"}"));
            assertThatThrownBy(
                    () -> engine.get("along-missing", user, "absent", EventWindow.ALL))
                    .hasMessageContaining("absent");
        }
    }

    private static String userOwnedBy(HazelcastInstance member, String app) {
        for (int i = 0; ; i++) {
            SessionKey key = new SessionKey(app, "user-" + i, "first");
            if (member.getPartitionService().getPartition(key).getOwner().localMember()) {
                return key.userId();
            }
        }
    }

    /** The session read's codec as the build before the flag had it. */
    static final class ReadCodecBeforeTheFlag implements CompactSerializer<ReadSessionProcessor> {

        @Override
        public ReadSessionProcessor read(CompactReader r) {
            return new ReadSessionProcessor(new EventWindow(r.readInt32("numRecentEvents"), r.readFloat64("afterTimestamp")),
                    PackedFields.readInt64(r, "appMaxIdleSeconds", 0));
        }

        @Override
        public void write(CompactWriter w, ReadSessionProcessor p) {
            w.writeInt32("numRecentEvents", p.window().numRecentEvents());
            w.writeFloat64("afterTimestamp", p.window().afterTimestamp());
            w.writeInt64("appMaxIdleSeconds", p.appMaxIdleSeconds());
        }

        @Override
        public String getTypeName() {
            return "sessiongrid.ReadSession";
        }

        @Override
        public Class<ReadSessionProcessor> getCompactClass() {
            return ReadSessionProcessor.class;
        }
    }

    /** The session view's codec as the build before the flag had it: no layer. */
    static final class ViewCodecBeforeTheFlag implements CompactSerializer<SessionView> {

        @Override
        public SessionView read(CompactReader r) {
            return new SessionView(r.readFloat64("createTime"), r.readFloat64("lastUpdateTime"), r.readInt64("version"),
                    PackedFields.readBytesMap(r, "state"), PackedFields.readBytesList(r, "events"), PackedFields.readTraits(r));
        }

        @Override
        public void write(CompactWriter w, SessionView v) {
            w.writeFloat64("createTime", v.createTime());
            w.writeFloat64("lastUpdateTime", v.lastUpdateTime());
            w.writeInt64("version", v.version());
            PackedFields.writeBytesMap(w, "state", v.state());
            PackedFields.writeBytesList(w, "events", v.events());
            PackedFields.writeTraits(w, v.traits());
        }

        @Override
        public String getTypeName() {
            return "sessiongrid.SessionView";
        }

        @Override
        public Class<SessionView> getCompactClass() {
            return SessionView.class;
        }
    }
}
