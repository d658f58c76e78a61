package io.sessiongrid.adk;

import com.google.adk.sessions.Session;
import com.google.common.collect.MapMaker;

import java.util.concurrent.ConcurrentMap;

/**
 * What this service knows of each {@link Session} object: the grid version it was last read or written
 * at, and whether an append from it failed. By object identity (two loads of one session are two
 * writers) and weakly, so a Session the Runner drops is not kept alive.
 */
final class SeenVersions {

    /** A Session object after a failed append: its state may hold writes storage never got. */
    static final long FAILED = -1;

    private final ConcurrentMap<Session, Long> versions = new MapMaker().weakKeys().makeMap();

    /** Never lowers a version: answers may arrive out of order. */
    void remember(Session session, long version) {
        versions.merge(session, version, (old, now) -> old == FAILED ? FAILED : Math.max(old, now));
    }

    void failed(Session session) {
        versions.put(session, FAILED);
    }

    /** The version to send as If-Match, {@link #FAILED}, or null for a Session this service did not load. */
    Long of(Session session) {
        return versions.get(session);
    }
}
