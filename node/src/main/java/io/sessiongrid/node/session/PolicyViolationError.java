package io.sessiongrid.node.session;

/**
 * A request refused by one of the app's limits; carries the limit's name and value and the size the
 * request would have reached, so a client can tell what to change.
 */
public class PolicyViolationError extends SessionGridError {

    private final String limit;
    private final long maximum;
    private final long size;

    public PolicyViolationError(Kind kind, String limit, long maximum, long size, String message) {
        super(kind, message);
        this.limit = limit;
        this.maximum = maximum;
        this.size = size;
    }

    /** A session, an event or a log too large: nothing of the request was applied. */
    public static PolicyViolationError tooLarge(String app, String limit, long maximum, long size) {
        return new PolicyViolationError(Kind.POLICY_VIOLATION, limit, maximum, size,
                "App '" + app + "' allows " + limit + " = " + maximum + "; this request would reach " + size);
    }

    public String limit() {
        return limit;
    }

    public long maximum() {
        return maximum;
    }

    public long size() {
        return size;
    }
}
