package io.sessiongrid.node.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sessiongrid.node.policy.AppPolicies;
import io.sessiongrid.node.policy.AppPolicy;
import io.sessiongrid.node.session.SessionService;
import io.sessiongrid.node.support.Engines;
import io.sessiongrid.node.support.TestCluster;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Sessions owned per member, in total and by app, adding up over a real two-member cluster. */
class StoredSessionsGaugeTest {

    @Test
    void eachMembersShareAddsUpToTheAppsSessionsAndAppsBeyondTheTagLimitShareOne() {
        try (TestCluster cluster = new TestCluster(2)) {
            SessionService engine = Engines.on(cluster.member(0));
            for (int i = 0; i < 5; i++) {
                engine.create("alpha", "u" + i, "s", null);
            }
            for (int i = 0; i < 2; i++) {
                engine.create("beta", "u" + i, "s", null);
            }
            engine.create("gamma", "u0", "s", null);

            Map<String, Double> byApp = new TreeMap<>();
            double total = 0;
            for (int m = 0; m < 2; m++) {
                SimpleMeterRegistry registry = new SimpleMeterRegistry();
                // Two app tags of their own; the third app seen shares _other.
                StoredSessionsGauge gauge = new StoredSessionsGauge(cluster.member(m),
                        new AppTags(AppPolicies.of(AppPolicy.BUILT_IN), 2));
                try {
                    gauge.bindTo(registry);
                    gauge.refresh();
                    total += registry.get("sessiongrid.sessions.owned").gauge().value();
                    registry.get("sessiongrid.app.sessions.owned").gauges().forEach(g ->
                            byApp.merge(g.getId().getTag("app"), g.value(), Double::sum));
                } finally {
                    gauge.stop();
                }
            }

            assertThat(total).isEqualTo(8.0);
            assertThat(byApp).isEqualTo(Map.of("alpha", 5.0, "beta", 2.0, AppTags.OTHER, 1.0));
        }
    }
}
