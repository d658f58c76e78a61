package io.sessiongrid.node.session;

import io.sessiongrid.node.policy.AppPolicy;

/**
 * The TTL and idle timeout a create asks for, in seconds; null asks for the app's. A session may
 * shorten its app's times, never lengthen them.
 */
public record RequestedExpiry(Integer ttlSeconds, Integer maxIdleSeconds) {

    public static final RequestedExpiry APP_DEFAULTS = new RequestedExpiry(null, null);

    /** @return the session's own TTL, 0 for the app's */
    int ttlWithin(String app, AppPolicy policy, LifecycleEvents events) {
        return within(app, "ttl", "ttlSeconds", ttlSeconds, policy.ttlSeconds(), events);
    }

    /** @return the session's own idle timeout, 0 for the app's */
    int maxIdleWithin(String app, AppPolicy policy, LifecycleEvents events) {
        return within(app, "max-idle", "maxIdleSeconds", maxIdleSeconds, policy.maxIdleSeconds(), events);
    }

    private static int within(String app, String limit, String field, Integer requested, long allowed,
                              LifecycleEvents events) {
        if (requested == null) {
            return 0;
        }
        if (requested < 1) {
            throw SessionGridError.invalid(field + " must be a whole number of seconds >= 1");
        }
        if (allowed > 0 && requested > allowed) {
            events.violation(app, limit);
            throw new PolicyViolationError(SessionGridError.Kind.INVALID_REQUEST, limit, allowed, requested,
                    field + " " + requested + " is longer than app '" + app + "' allows: at most " + allowed);
        }
        return requested;
    }
}
