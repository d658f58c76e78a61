package io.sessiongrid.node.policy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Policies read from configuration the way a node reads them, without starting a node. */
class PolicyFactoryTest {

    @Test
    void appsKeepTheirNamesExactlyAndOverrideTheDefaultsKeyByKey() {
        AppPolicies policies = load(Map.of(
                "sessiongrid.defaults.max-idle", "10m",
                "sessiongrid.defaults.max-events", 50,
                "sessiongrid.apps.myApp.ttl", "7d",
                "sessiongrid.apps.web_v2.max-sessions-per-member", 1000,
                "sessiongrid.apps.web_v2.eviction", "LFU",
                "sessiongrid.apps.web_v2.on-user-limit", "EVICT_OLDEST"));

        assertThat(policies.configuredApps()).containsOnlyKeys("myApp", "web_v2");
        AppPolicy myApp = policies.find("myApp").orElseThrow();
        assertThat(myApp.ttl()).isEqualTo(Duration.ofDays(7));
        assertThat(myApp.maxIdle()).isEqualTo(Duration.ofMinutes(10));
        assertThat(myApp.maxEvents()).isEqualTo(50);
        AppPolicy web = policies.find("web_v2").orElseThrow();
        assertThat(web.maxSessionsPerMember()).isEqualTo(1000);
        assertThat(web.eviction()).isEqualTo(Eviction.LFU);
        assertThat(web.onUserLimit()).isEqualTo(UserLimitAction.EVICT_OLDEST);
        assertThat(policies.find("my-app")).contains(policies.defaults());
        assertThat(policies.defaults().maxIdle()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void strictAppsKnowOnlyTheConfiguredOnes() {
        AppPolicies policies = load(Map.of("sessiongrid.strict-apps", true, "sessiongrid.apps.web.max-idle", "30m"));
        assertThat(policies.find("web")).isPresent();
        assertThat(policies.find("other")).isEmpty();
    }

    @Test
    void mistakesStopTheNodeWithTheKeyNamed() {
        assertThatThrownBy(() -> load(Map.of("sessiongrid.apps.web.max-sesions-per-user", 3)))
                .hasMessageContaining("Unknown policy key 'sessiongrid.apps.web.max-sesions-per-user'");
        assertThatThrownBy(() -> load(Map.of("sessiongrid.defaults.tll", "1h")))
                .hasMessageContaining("Unknown policy key 'sessiongrid.defaults.tll'");
        assertThatThrownBy(() -> load(Map.of("sessiongrid.apps.web.eviction", "OLDEST")))
                .hasMessageContaining("Invalid policy sessiongrid.apps.web: eviction has a value that is not a Eviction: 'OLDEST'");
        assertThatThrownBy(() -> load(Map.of("sessiongrid.apps.web.ttl", "1500ms")))
                .hasMessageContaining("ttl must be a whole number of seconds");
        assertThatThrownBy(() -> load(Map.of("sessiongrid.apps.web.backup-count", 4, "sessiongrid.apps.web.async-backup-count", 3)))
                .hasMessageContaining("backup-count + async-backup-count must not exceed 6");
        assertThatThrownBy(() -> load(Map.of("sessiongrid.cluster.backup-count", 2)))
                .hasMessageContaining("moved to sessiongrid.defaults.backup-count");
    }

    @Test
    void durabilityDefaultsToWriteBehindWithAStoreAndIsRefusedWithout() {
        assertThat(load(Map.of()).defaults().durability()).isEqualTo(Durability.NONE);
        AppPolicies stored = load(Map.of("sessiongrid.store.jdbc-url", "jdbc:postgresql://db/sessions",
                "sessiongrid.apps.pay.durability", "WRITE_THROUGH", "sessiongrid.apps.pay.write-delay", "3s",
                "sessiongrid.apps.tmp.durability", "NONE"));
        assertThat(stored.defaults().durability()).isEqualTo(Durability.WRITE_BEHIND);
        assertThat(stored.defaults().writeDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(stored.defaults().eagerLoadWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(stored.find("pay").orElseThrow().durability()).isEqualTo(Durability.WRITE_THROUGH);
        assertThat(stored.find("pay").orElseThrow().writeDelay()).isEqualTo(Duration.ofSeconds(3));
        assertThat(stored.find("tmp").orElseThrow().durability()).isEqualTo(Durability.NONE);

        assertThatThrownBy(() -> load(Map.of("sessiongrid.apps.pay.durability", "WRITE_THROUGH")))
                .hasMessageContaining("sessiongrid.apps.pay.durability is WRITE_THROUGH but no store is configured");
        assertThatThrownBy(() -> load(Map.of("sessiongrid.store.jdbc-url", "postgresql://db/sessions")))
                .hasMessageContaining("must be a PostgreSQL JDBC URL");
        assertThatThrownBy(() -> load(Map.of("sessiongrid.store.jdbc-url", "jdbc:postgresql://db/s",
                "sessiongrid.defaults.write-delay", "0s"))).hasMessageContaining("write-delay must be at least 1s");
    }

    @Test
    void environmentVariablesMayOnlyOverrideKnownKeys() {
        java.util.Set<String> apps = java.util.Set.of("web", "myApp");
        PolicyFactory.checkEnvironmentVariables(java.util.Set.of("SESSIONGRID_APPS_WEB_MAX_IDLE",
                "SESSIONGRID_APPS_MYAPP_TTL", "SESSIONGRID_DEFAULTS_MAX_EVENTS", "SESSIONGRID_CLUSTER_NAME", "PATH"), apps);
        assertThatThrownBy(() -> PolicyFactory.checkEnvironmentVariables(
                java.util.Set.of("SESSIONGRID_APPS_WEB_MAX_IDEL"), apps))
                .hasMessageContaining("Environment variable SESSIONGRID_APPS_WEB_MAX_IDEL matches no policy key");
        assertThatThrownBy(() -> PolicyFactory.checkEnvironmentVariables(
                java.util.Set.of("SESSIONGRID_APPS_FOO_MAX_IDLE"), apps))
                .hasMessageContaining("declare apps in a configuration file");
    }

    private static AppPolicies load(Map<String, Object> properties) {
        try (ApplicationContext context = ApplicationContext.builder().properties(properties).build()) {
            Environment env = context.getEnvironment().start();
            return new PolicyFactory().appPolicies(env);
        }
    }
}
