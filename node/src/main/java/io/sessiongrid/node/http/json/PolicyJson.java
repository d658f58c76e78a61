package io.sessiongrid.node.http.json;

import io.sessiongrid.node.policy.AppPolicy;

/** Renders an app's effective policy; durations in seconds and 0 = none, as in the session JSON. */
public final class PolicyJson {

    private PolicyJson() {
    }

    public static byte[] policy(String app, boolean configured, AppPolicy p) {
        return new JsonBytes(512).beginObject()
                .name("app").string(app)
                .name("configured").bool(configured)
                .name("ttlSeconds").number(p.ttlSeconds())
                .name("maxIdleSeconds").number(p.maxIdleSeconds())
                .name("maxSessionsPerMember").number(p.maxSessionsPerMember())
                .name("eviction").string(p.eviction().name())
                .name("backupCount").number(p.backupCount())
                .name("asyncBackupCount").number(p.asyncBackupCount())
                .name("maxSessionBytes").number(p.maxSessionBytes())
                .name("maxEventBytes").number(p.maxEventBytes())
                .name("maxEvents").number(p.maxEvents())
                .name("eventsOverflow").string(p.eventsOverflow().name())
                .name("maxSessionsPerUser").number(p.maxSessionsPerUser())
                .name("onUserLimit").string(p.onUserLimit().name())
                .name("durability").string(p.durability().name())
                .name("writeDelaySeconds").number(p.writeDelay().getSeconds())
                .name("eagerLoadWindowSeconds").number(p.eagerLoadWindow().getSeconds())
                .endObject().toByteArray();
    }

    /** A one-number answer such as {@code {"count": 3}}. */
    public static byte[] number(String name, long value) {
        return new JsonBytes(32).beginObject().name(name).number(value).endObject().toByteArray();
    }
}
