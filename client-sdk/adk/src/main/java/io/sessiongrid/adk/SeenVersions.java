package io.sessiongrid.adk;

import com.google.adk.sessions.Session;
import com.google.common.collect.MapMaker;

import java.util.concurrent.ConcurrentMap;

/**
 * The grid version each {@link Session} object was last read or written at, by object identity (two
 * loads of one session are two writers) and weakly, so a Session the Runner drops is not kept alive.
 */
final class SeenVersions {

    private final ConcurrentMap<Session, Long> versions = new MapMaker().weakKeys().makeMap();

    void remember(Session session, long version) {
        versions.put(session, version);
    }

    /** The version to send as If-Match, or null for a Session this service did not load. */
    Long of(Session session) {
        return versions.get(session);
    }
}
