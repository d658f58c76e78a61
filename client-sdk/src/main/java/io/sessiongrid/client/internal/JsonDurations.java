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
}
