package io.sessiongrid.adk;

import com.google.adk.sessions.SessionException;
import io.sessiongrid.client.VersionConflictException;

/**
 * An append from a {@link com.google.adk.sessions.Session} object that is behind storage: another writer
 * (a second replica, a second Runner) appended since this object was loaded. Nothing was stored; load the
 * session again with {@code getSession} and continue from the fresh object.
 */
public class StaleSessionException extends SessionException {

    private final long seenVersion;
    private final Long storedVersion;

    StaleSessionException(String app, String userId, String sessionId, long seenVersion, VersionConflictException cause) {
        super("Session " + app + "/" + userId + "/" + sessionId + " was modified in storage since it was loaded"
                + " (this Session object has version " + seenVersion
                + (cause.currentVersion() == null ? "" : ", storage has version " + cause.currentVersion())
                + "); reload it with getSession and append to the reloaded session", cause);
        this.seenVersion = seenVersion;
        this.storedVersion = cause.currentVersion();
    }

    /** The version the caller's Session object was loaded or last written at. */
    public long seenVersion() {
        return seenVersion;
    }

    /** The version storage holds, or null when the server did not say. */
    public Long storedVersion() {
        return storedVersion;
    }
}
