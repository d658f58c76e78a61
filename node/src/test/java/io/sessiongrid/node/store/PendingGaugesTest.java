package io.sessiongrid.node.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sessiongrid.node.metrics.AppTags;
import io.sessiongrid.node.policy.AppPolicies;
import io.sessiongrid.node.policy.AppPolicy;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The write-behind backlog gauges: apps sharing the {@code _other} tag are summed, not the first one read. */
class PendingGaugesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** One app gets its own tag ("first", named in a sample of its own); later ones share _other. */
    private final PendingGauges gauges = new PendingGauges(() -> registry,
            new AppTags(new AppPolicies(AppPolicy.BUILT_IN, Map.of(), false), 1));

    private double pending(String app, String map) {
        return registry.get("sessiongrid.store.pending").tag("app", app).tag("map", map).gauge().value();
    }

    @Test
    void appsBeyondTheTagLimitAddUpUnderOther() {
        gauges.publish(Map.of("sessions.first", 0L));
        gauges.publish(Map.of("sessions.first", 1L, "sessions.second", 2L, "sessions.third", 3L,
                "userstate.second", 4L, "userstate.third", 5L, "routes.third", 6L, "appstate", 7L));

        assertThat(pending("first", "sessions")).isEqualTo(1);
        assertThat(pending(AppTags.OTHER, "sessions")).isEqualTo(5);
        assertThat(pending(AppTags.OTHER, "user-state")).isEqualTo(9);
        assertThat(pending(AppTags.OTHER, "routes")).isEqualTo(6);
        assertThat(pending("_all", "app-state")).isEqualTo(7);
        assertThat(registry.find("sessiongrid.store.pending").gauges()).hasSize(5);
    }

    @Test
    void eachSampleReplacesTheLastAndMapsNoLongerNamedCountZero() {
        gauges.publish(Map.of("sessions.first", 0L));
        gauges.publish(Map.of("sessions.first", 1L, "sessions.second", 2L, "sessions.third", 3L));

        gauges.publish(Map.of("sessions.third", 10L));

        assertThat(pending("first", "sessions")).isZero();
        assertThat(pending(AppTags.OTHER, "sessions")).isEqualTo(10);
    }
}
