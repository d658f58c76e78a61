package io.sessiongrid.node.support;

import com.hazelcast.core.HazelcastInstance;
import io.sessiongrid.node.config.LimitSettings;
import io.sessiongrid.node.metrics.LifecycleMetrics;
import io.sessiongrid.node.policy.AppPolicies;
import io.sessiongrid.node.policy.AppPolicy;
import io.sessiongrid.node.session.IdRules;
import io.sessiongrid.node.session.LifecycleEvents;
import io.sessiongrid.node.session.RoutingService;
import io.sessiongrid.node.session.SessionBeans;
import io.sessiongrid.node.session.SessionMaps;
import io.sessiongrid.node.session.SessionService;
import io.sessiongrid.node.session.UserSessionService;
import io.sessiongrid.node.session.event.EventNormalizer;
import io.sessiongrid.node.session.event.StateJson;

import java.time.Clock;

/** Builds the engine on a given member the way the node's beans wire it, without HTTP. */
public final class Engines {

    public static final LimitSettings LIMITS = new LimitSettings(256, 100, 1000, 0);

    private Engines() {
    }

    /** The session engine and the user-level operations, on one member. */
    public record Engine(SessionService sessions, UserSessionService users, RoutingService routing) {
    }

    public static Engine engine(HazelcastInstance member, AppPolicies policies, Clock clock) {
        SessionBeans beans = new SessionBeans();
        StateJson json = beans.stateJson();
        IdRules ids = beans.idRules(LIMITS);
        EventNormalizer normalizer = beans.eventNormalizer(json, ids);
        Object metrics = member.getUserContext().get(LifecycleMetrics.CONTEXT_KEY);
        LifecycleEvents events = metrics instanceof LifecycleEvents e ? e : LifecycleEvents.NONE;
        SessionMaps maps = new SessionMaps(member, policies);
        UserSessionService users = new UserSessionService(maps, ids, events);
        RoutingService routing = new RoutingService(maps, ids, LIMITS, events, clock);
        return new Engine(new SessionService(maps, users, routing, normalizer, json, ids, LIMITS, events, clock), users,
                routing);
    }

    public static SessionService on(HazelcastInstance member, Clock clock) {
        return engine(member, AppPolicies.of(AppPolicy.BUILT_IN), clock).sessions();
    }

    public static SessionService on(HazelcastInstance member) {
        return on(member, Clock.systemUTC());
    }
}
