package io.sessiongrid.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * Durations that the API sends as whole seconds, where 0 means "none". Absent members read as
 * {@link Duration#ZERO} too, because older nodes do not send them and a client must still read their
 * responses.
 */
public final class JsonDurations {

    private JsonDurations() {
    }

    /** The duration in a seconds member; {@link Duration#ZERO} when it is absent, not a number or not positive. */
    public static Duration ofSeconds(JsonNode seconds) {
        long value = seconds != null && seconds.isNumber() ? seconds.asLong() : 0;
        return value > 0 ? Duration.ofSeconds(value) : Duration.ZERO;
    }

    /**
     * The whole seconds to send for a duration. Only whole, positive seconds are accepted: rounding
     * {@code 1.5s} either way would silently apply a time nobody asked for.
     *
     * @param name the caller's parameter name, for the error message
     * @throws IllegalArgumentException if the duration is not a whole number of seconds of at least one second
     */
    public static long wholeSeconds(Duration duration, String name) {
        if (duration.getSeconds() < 1 || duration.getNano() != 0) {
            throw new IllegalArgumentException(name + " must be a whole number of seconds >= 1s but was " + duration);
        }
        return duration.getSeconds();
    }
}
