package io.sessiongrid.adk;

import com.google.adk.sessions.SessionException;
import io.sessiongrid.client.VersionConflictException;

/**
 * An append from a {@link com.google.adk.sessions.Session} object that is behind storage: another writer
 * (a second replica, a second Runner) appended since this object was loaded. Nothing was stored; load the
 * session again with {@code getSession} and continue from the fresh object.
 */
public final class StaleSessionException extends SessionException {

    private final long seenVersion;
    private final Long storedVersion;

    private StaleSessionException(String message, long seenVersion, Long storedVersion) {
        super(message);
        this.seenVersion = seenVersion;
        this.storedVersion = storedVersion;
    }

    /** An append from an object whose earlier append failed: it may hold changes storage never got. */
    static StaleSessionException afterFailure(String app, String userId, String sessionId) {
        return new StaleSessionException("An earlier append from this Session object of " + app + "/" + userId + "/"
                + sessionId + " failed, so it may differ from storage; reload it with getSession and append to the"
                + " reloaded session", SeenVersions.FAILED, null);
    }

    StaleSessionException(String app, String userId, String sessionId, long seenVersion, VersionConflictException cause) {
        super("Session " + app + "/" + userId + "/" + sessionId + " was modified in storage since it was loaded"
                + " (this Session object has version " + seenVersion
                + (cause.currentVersion() == null ? "" : ", storage has version " + cause.currentVersion())
                + "); reload it with getSession and append to the reloaded session", cause);
        this.seenVersion = seenVersion;
        this.storedVersion = cause.currentVersion();
    }

    /** The version the caller's Session object was loaded or last written at; -1 after a failed append. */
    public long seenVersion() {
        return seenVersion;
    }

    /** The version storage holds, or null when the server did not say. */
    public Long storedVersion() {
        return storedVersion;
    }
}
