package io.sessiongrid.node.support;

import com.hazelcast.core.HazelcastInstance;
import io.sessiongrid.node.config.LimitSettings;
import io.sessiongrid.node.session.IdRules;
import io.sessiongrid.node.session.SessionBeans;
import io.sessiongrid.node.session.SessionMaps;
import io.sessiongrid.node.session.SessionService;
import io.sessiongrid.node.session.event.EventNormalizer;
import io.sessiongrid.node.session.event.StateJson;

import java.time.Clock;

/** Builds the engine on a given member the way the node's beans wire it, without HTTP. */
public final class Engines {

    public static final LimitSettings LIMITS = new LimitSettings(256, 100, 1000);

    private Engines() {
    }

    public static SessionService on(HazelcastInstance member, Clock clock) {
        SessionBeans beans = new SessionBeans();
        StateJson json = beans.stateJson();
        IdRules ids = beans.idRules(LIMITS);
        EventNormalizer normalizer = beans.eventNormalizer(json, ids);
        return new SessionService(new SessionMaps(member), normalizer, json, ids, LIMITS, clock);
    }

    public static SessionService on(HazelcastInstance member) {
        return on(member, Clock.systemUTC());
    }
}
