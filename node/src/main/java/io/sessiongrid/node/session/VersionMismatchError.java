package io.sessiongrid.node.session;

/** The caller expected another session version than the current one: nothing was changed. */
public class VersionMismatchError extends SessionGridError {

    private final long currentVersion;

    public VersionMismatchError(long expected, long currentVersion) {
        super(Kind.VERSION_MISMATCH, "Expected version " + expected + " but the session is at version " + currentVersion);
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
