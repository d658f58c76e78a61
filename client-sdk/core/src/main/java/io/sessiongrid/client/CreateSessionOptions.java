package io.sessiongrid.client;

import io.sessiongrid.client.internal.JsonDurations;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to create a session with. Every component is optional: {@code null} leaves it out of the request,
 * so the server decides (a generated id, empty state, the app's timeouts).
 *
 * <p>Timeouts go over the wire as whole seconds, so only whole, positive seconds are accepted: rounding
 * {@code 1.5s} either way would silently give a session a lifetime nobody asked for. The server may still
 * refuse a timeout longer than the app allows ({@link BadRequestException}, with the problem's
 * {@code limit} and {@code maximum} extensions).
 *
 * @param sessionId the id, or {@code null} to let the server generate one
 * @param state     initial state (plain Java values or JsonNodes, converted when the request is sent), in
 *                  insertion order; a shallow copy; {@code null} for none
 * @param ttl       absolute lifetime of the session, or {@code null} for the app's policy
 * @param maxIdle   how long the session may go without access before it expires, or {@code null} for the
 *                  app's policy
 * @param workerId  the worker to pin the session to from the start, so a proxy that routes by session id
 *                  (see {@link SessionGridClient#findRoute findRoute}) sends its first request to the right
 *                  place without a separate {@link SessionGridClient#setWorker setWorker}; {@code null}
 *                  for none
 */
public record CreateSessionOptions(String sessionId, Map<String, ?> state, Duration ttl, Duration maxIdle,
                                   String workerId) {

    public CreateSessionOptions {
        // Not Map.copyOf: a null value is meaningful state (sent as JSON null).
        state = state == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(state));
        requireWholeSeconds(ttl, "ttl");
        requireWholeSeconds(maxIdle, "maxIdle");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from these options' values. */
    public Builder toBuilder() {
        return new Builder().sessionId(sessionId).state(state).ttl(ttl).maxIdle(maxIdle).workerId(workerId);
    }

    private static void requireWholeSeconds(Duration duration, String name) {
        if (duration != null) {
            JsonDurations.wholeSeconds(duration, name);
        }
    }

    /** Builds {@link CreateSessionOptions}; every setting starts unset. */
    public static final class Builder {

        private String sessionId;
        private Map<String, ?> state;
        private Duration ttl;
        private Duration maxIdle;
        private String workerId;

        private Builder() {
        }

        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        public Builder state(Map<String, ?> state) {
            this.state = state;
            return this;
        }

        public Builder ttl(Duration ttl) {
            this.ttl = ttl;
            return this;
        }

        public Builder maxIdle(Duration maxIdle) {
            this.maxIdle = maxIdle;
            return this;
        }

        public Builder workerId(String workerId) {
            this.workerId = workerId;
            return this;
        }

        /**
         * Builds the options.
         *
         * @throws IllegalArgumentException if {@code ttl} or {@code maxIdle} is not a whole number of
         *                                  seconds of at least one second
         */
        public CreateSessionOptions build() {
            return new CreateSessionOptions(sessionId, state, ttl, maxIdle, workerId);
        }
    }
}
