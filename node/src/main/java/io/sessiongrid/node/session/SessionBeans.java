package io.sessiongrid.node.session;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.hazelcast.core.HazelcastInstance;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.sessiongrid.node.config.LimitSettings;
import io.sessiongrid.node.policy.AppPolicies;
import io.sessiongrid.node.session.event.EventNormalizer;
import io.sessiongrid.node.session.event.StateJson;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The engine's plain collaborators. */
@Factory
public class SessionBeans {

    /** Exact decimals both ways, so a value is stored and returned as it was sent. */
    @Singleton
    public StateJson stateJson() {
        ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
        return new StateJson(mapper);
    }

    @Singleton
    public IdRules idRules(LimitSettings limits) {
        return new IdRules(limits.maxIdLength());
    }

    @Singleton
    public EventNormalizer eventNormalizer(StateJson json, IdRules ids) {
        return new EventNormalizer(json, ids);
    }

    /** The cluster's apps: configured ones always, others once a create admitted them. */
    @Singleton
    public AppRegistry appRegistry(HazelcastInstance hazelcast, AppPolicies policies, LimitSettings limits,
                                   @Value("${sessiongrid.store.jdbc-url:}") String storeUrl) {
        // With a store, the apps it holds are unknown until the initial load registers them.
        return new AppRegistry(hazelcast, policies::configured, limits.maxApps(), storeUrl.isBlank());
    }

    @Singleton
    public Clock clock() {
        return Clock.systemUTC();
    }
}
