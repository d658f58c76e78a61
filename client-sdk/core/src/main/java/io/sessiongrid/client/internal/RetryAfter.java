package io.sessiongrid.client.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The {@code Retry-After} header (RFC 9110): delay seconds, or an HTTP date. */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** The wait the response asks for; empty when it has no usable header. Never negative. */
    public static Optional<Duration> of(ApiResponse response, Instant now) {
        return response.header("Retry-After").map(String::strip).flatMap(value -> parse(value, now));
    }

    static Optional<Duration> parse(String value, Instant now) {
        if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
