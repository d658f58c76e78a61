package io.sessiongrid.node.session.codec;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sessiongrid.node.session.RequestedExpiry;
import io.sessiongrid.node.session.Session;
import io.sessiongrid.node.session.SessionMaps;
import io.sessiongrid.node.session.SessionService;
import io.sessiongrid.node.session.model.LayerState;
import io.sessiongrid.node.session.model.LayerValues;
import io.sessiongrid.node.session.model.Stamp;
import io.sessiongrid.node.session.model.UserKey;
import io.sessiongrid.node.session.process.ApplyLayerDeltaProcessor;
import io.sessiongrid.node.support.Engines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

import static io.sessiongrid.node.support.StateText.bytes;
import static io.sessiongrid.node.support.StateText.obj;
import static io.sessiongrid.node.support.StateText.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A create asks each layer write to answer with the layer it leaves, instead of reading the layer after
 * it. Member "older" runs the layer-delta codec of the build before that flag (it neither writes nor
 * reads it); member "current" runs this build's. A create on the current member shows the same merged
 * state whichever of the two holds the layers.
 */
class LayerAnswerEvolutionTest {

    private static TwoBuilds cluster;
    private static HazelcastInstance current;
    private static HazelcastInstance older;
    private static SessionService engine;

    @BeforeAll
    static void start() {
        cluster = TwoBuilds.start("layer-answer", List.of(new CodecBeforeTheFlag()));
        current = cluster.thisBuild();
        older = cluster.otherBuild();
        engine = Engines.on(current);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aLayerWriteOnThisBuildAnswersTheLayerWithTheKeysItAlreadyHad() {
        UserKey user = userOwnedBy(current, "answer-app");
        Stamp first = new Stamp(1_700_000_000.0, "s0", 0);
        current.<UserKey, LayerState>getMap(SessionMaps.userStateMapName("answer-app"))
                .executeOnKey(user, new ApplyLayerDeltaProcessor<>(Map.of("theme", bytes("\"dark\"")), first));

        Object answer = current.<UserKey, LayerState>getMap(SessionMaps.userStateMapName("answer-app")).executeOnKey(user,
                ApplyLayerDeltaProcessor.answeringLayer(Map.of("lang", bytes("\"en\"")), new Stamp(1_700_000_001.0, "s1", 0)));

        assertThat(answer).isInstanceOf(LayerValues.class);
        assertThat(text(((LayerValues) answer).values()))
                .containsExactly(Map.entry("theme", "\"dark\""), Map.entry("lang", "\"en\""));
    }

    @Test
    void aMemberBeforeTheFlagAnswersTheCountAndStillAppliesTheDelta() {
        UserKey user = userOwnedBy(older, "count-app");

        Object answer = current.<UserKey, LayerState>getMap(SessionMaps.userStateMapName("count-app")).executeOnKey(user,
                ApplyLayerDeltaProcessor.answeringLayer(Map.of("lang", bytes("\"en\"")), new Stamp(1_700_000_001.0, "s1", 0)));

        assertThat(answer).isEqualTo(1);
        assertThat(text(engine.userState("count-app", user.userId()))).containsExactly(Map.entry("lang", "\"en\""));
    }

    @Test
    void aCreateShowsBothLayersWhicheverBuildHoldsThem() {
        for (HazelcastInstance holder : List.of(current, older)) {
            String app = appOwnedBy(holder);
            UserKey user = userOwnedBy(holder, app);
            engine.create(app, user.userId(), "earlier", obj("{\"user:theme\":\"dark\",\"app:region\":\"eu\"}"));

            Session waited = engine.create(app, user.userId(), "s", obj("{\"step\":0,\"user:lang\":\"en\",\"app:model\":\"v1\"}"));
            // The create the hot route makes: each step on the executor it is given, no thread waiting.
            Session chained = engine.createAsync(app, user.userId(), "s2", obj("{\"step\":1,\"user:tz\":\"UTC\"}"),
                    RequestedExpiry.APP_DEFAULTS, null, ForkJoinPool.commonPool(), ForkJoinPool.commonPool()).join();

            String holderName = holder == current ? "current" : "older";
            assertThat(text(waited.state())).as("layers held by %s", holderName)
                    .containsExactlyInAnyOrderEntriesOf(Map.of("step", "0", "app:region", "\"eu\"", "app:model", "\"v1\"",
                            "user:theme", "\"dark\"", "user:lang", "\"en\""));
            assertThat(text(chained.state())).as("layers held by %s, chained create", holderName)
                    .containsExactlyInAnyOrderEntriesOf(Map.of("step", "1", "app:region", "\"eu\"", "app:model", "\"v1\"",
                            "user:theme", "\"dark\"", "user:lang", "\"en\"", "user:tz", "\"UTC\""));
        }
    }

    private static String appOwnedBy(HazelcastInstance member) {
        for (int i = 0; ; i++) {
            String app = "answer-create-" + i;
            if (member.getPartitionService().getPartition(app).getOwner().localMember()) {
                return app;
            }
        }
    }

    private static UserKey userOwnedBy(HazelcastInstance member, String app) {
        for (int i = 0; ; i++) {
            UserKey key = new UserKey(app, "user-" + i);
            if (member.getPartitionService().getPartition(key).getOwner().localMember()) {
                return key;
            }
        }
    }

    /** The layer-delta codec as the build before the answering flag had it. */
    @SuppressWarnings("rawtypes")
    static final class CodecBeforeTheFlag implements CompactSerializer<ApplyLayerDeltaProcessor> {

        @Override
        public ApplyLayerDeltaProcessor read(CompactReader r) {
            return new ApplyLayerDeltaProcessor<>(PackedFields.readBytesMap(r, "delta"),
                    new Stamp(r.readFloat64("stampAt"), r.readString("stampOrigin"), r.readInt64("stampVersion")));
        }

        @Override
        public void write(CompactWriter w, ApplyLayerDeltaProcessor p) {
            PackedFields.writeBytesMap(w, "delta", p.delta());
            w.writeFloat64("stampAt", p.stamp().at());
            w.writeString("stampOrigin", p.stamp().origin());
            w.writeInt64("stampVersion", p.stamp().version());
        }

        @Override
        public String getTypeName() {
            return "sessiongrid.ApplyLayerDelta";
        }

        @Override
        public Class<ApplyLayerDeltaProcessor> getCompactClass() {
            return ApplyLayerDeltaProcessor.class;
        }
    }
}
