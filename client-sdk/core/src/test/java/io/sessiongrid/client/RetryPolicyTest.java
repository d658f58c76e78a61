package io.sessiongrid.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void defaultsAreSixAttemptsFrom50MillisUpTo2SecondsWithin30Seconds() {
        assertThat(RetryPolicy.defaults()).isEqualTo(
                new RetryPolicy(6, Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofSeconds(30)));
    }

    @Test
    void noneIsOneAttemptWithTheOtherDefaults() {
        assertThat(RetryPolicy.none()).isEqualTo(
                new RetryPolicy(1, Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofSeconds(30)));
    }

    @Test
    void withersChangeOneSettingEach() {
        RetryPolicy policy = RetryPolicy.defaults()
                .withMaxAttempts(3)
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(15))
                .withDeadline(Duration.ofSeconds(4));

        assertThat(policy).isEqualTo(
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(15), Duration.ofSeconds(4)));
    }

    @Test
    void backoffCeilingDoublesPerRetryUpToTheMaximum() {
        assertThat(IntStream.rangeClosed(1, 8).mapToObj(RetryPolicy.defaults()::backoffCeiling)).containsExactly(
                Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(800), Duration.ofMillis(1600), Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(RetryPolicy.defaults().backoffCeiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(2));
        RetryPolicy odd = RetryPolicy.defaults().withBackoff(Duration.ofMillis(30), Duration.ofMillis(100));
        assertThat(IntStream.rangeClosed(1, 4).mapToObj(odd::backoffCeiling)).containsExactly(
                Duration.ofMillis(30), Duration.ofMillis(60), Duration.ofMillis(100), Duration.ofMillis(100));
    }

    @Test
    void backoffCeilingStaysZeroWithoutBackoffAndNeverOverflows() {
        RetryPolicy noBackoff = RetryPolicy.defaults().withBackoff(Duration.ZERO, Duration.ZERO);
        RetryPolicy huge = RetryPolicy.defaults().withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(Long.MAX_VALUE));

        assertThat(noBackoff.backoffCeiling(Integer.MAX_VALUE)).isEqualTo(Duration.ZERO);
        assertThat(huge.backoffCeiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(Long.MAX_VALUE));
        assertThatThrownBy(() -> RetryPolicy.defaults().backoffCeiling(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retry must be >= 1 but was 0");
    }

    @Test
    void refusesSettingsThatCannotWork() {
        RetryPolicy policy = RetryPolicy.defaults();
        assertThatThrownBy(() -> policy.withMaxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxAttempts must be >= 1 but was 0");
        assertThatThrownBy(() -> policy.withBackoff(Duration.ofMillis(-1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("initialBackoff must not be negative but was PT-0.001S");
        assertThatThrownBy(() -> policy.withBackoff(Duration.ofMillis(50), Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBackoff must be >= initialBackoff (PT0.05S) but was PT0.01S");
        assertThatThrownBy(() -> policy.withDeadline(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deadline must be positive but was PT0S");
        assertThatThrownBy(() -> policy.withBackoff(null, Duration.ofSeconds(1)))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("initialBackoff must not be null");
        assertThatThrownBy(() -> policy.withDeadline(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("deadline must not be null");
    }
}
