package io.sessiongrid.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CreateSessionOptionsTest {

    @Test
    void everythingIsUnsetByDefault() {
        assertThat(CreateSessionOptions.builder().build()).isEqualTo(new CreateSessionOptions(null, null, null, null, null));
    }

    @Test
    void acceptsWholeSecondsFromOneSecondOn() {
        CreateSessionOptions options = CreateSessionOptions.builder()
                .ttl(Duration.ofSeconds(1))
                .maxIdle(Duration.ofMillis(120_000))
                .build();

        assertThat(options.ttl()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.maxIdle()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void refusesTimeoutsThatAreNotWholePositiveSecondsWhenBuilt() {
        CreateSessionOptions.Builder fractional = CreateSessionOptions.builder().ttl(Duration.ofMillis(1500));

        assertThatThrownBy(fractional::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ttl must be a whole number of seconds >= 1s but was PT1.5S");
        assertThatThrownBy(() -> CreateSessionOptions.builder().ttl(Duration.ofMillis(500)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ttl must be a whole number of seconds >= 1s but was PT0.5S");
        assertThatThrownBy(() -> CreateSessionOptions.builder().maxIdle(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxIdle must be a whole number of seconds >= 1s but was PT0S");
        assertThatThrownBy(() -> CreateSessionOptions.builder().maxIdle(Duration.ofSeconds(-5)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxIdle must be a whole number of seconds >= 1s but was PT-5S");
    }

    @Test
    void stateIsAnUnmodifiableCopyKeepingOrderAndNullValues() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("z", 1);
        state.put("a", null);

        CreateSessionOptions options = CreateSessionOptions.builder().state(state).build();
        state.put("later", 2);

        assertThat(options.state().keySet()).containsExactly("z", "a");
        assertThat(options.state().get("a")).isNull();
        assertThatThrownBy(() -> options.state().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toBuilderStartsFromTheseOptions() {
        CreateSessionOptions options = CreateSessionOptions.builder()
                .sessionId("s").state(Map.of("k", "v")).ttl(Duration.ofHours(1)).maxIdle(Duration.ofMinutes(5))
                .workerId("w-1").build();

        assertThat(options.toBuilder().build()).isEqualTo(options);
        assertThat(options.toBuilder().ttl(null).build())
                .isEqualTo(new CreateSessionOptions("s", Map.of("k", "v"), null, Duration.ofMinutes(5), "w-1"));
        assertThat(options.toBuilder().workerId(null).build())
                .isEqualTo(new CreateSessionOptions("s", Map.of("k", "v"), Duration.ofHours(1), Duration.ofMinutes(5),
                        null));
    }
}
