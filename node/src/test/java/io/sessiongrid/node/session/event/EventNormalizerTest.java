package io.sessiongrid.node.session.event;

import io.sessiongrid.node.session.IdRules;
import io.sessiongrid.node.session.SessionBeans;
import io.sessiongrid.node.session.SessionGridError;
import io.sessiongrid.node.session.SessionGridError.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An append's event brought to its stored form, directly: what is kept, filled in, dropped and refused. */
class EventNormalizerTest {

    private static final double NOW = 1733246400.5;

    private final EventNormalizer normalizer = new EventNormalizer(new SessionBeans().stateJson(), new IdRules(16));

    @Test
    void everyFieldIsKeptAsSentWithExactNumbersAndTempKeysDropped() {
        IncomingEvent event = normalize("{\"timestamp\":1733246400.100,\"id\":\"e\",\"author\":\"agent\","
                + "\"content\":{\"parts\":[{\"text\":\"caf\\u00e9 😀\"}]},\"actions\":{\"stateDelta\":{\"temp:t\":{\"x\":1},"
                + "\"step\":2,\"user:lang\":\"en\",\"app:model\":{\"v\":1.10,\"n\":[1e3,-0.0,123456789012345678901]}},"
                + "\"escalate\":false},\"custom\":null}");
        // Jackson writes a character beyond the BMP as its escaped UTF-16 pair: the same JSON string.
        assertThat(text(event.json())).isEqualTo("{\"timestamp\":1733246400.100,\"id\":\"e\",\"author\":\"agent\","
                + "\"content\":{\"parts\":[{\"text\":\"café \\uD83D\\uDE00\"}]},\"actions\":{\"stateDelta\":{\"step\":2,"
                + "\"user:lang\":\"en\",\"app:model\":{\"v\":1.10,\"n\":[1E+3,0.0,123456789012345678901]}},"
                + "\"escalate\":false},\"custom\":null}");
        assertThat(layer(event.delta().session())).containsExactly(Map.entry("step", "2"));
        assertThat(layer(event.delta().user())).containsExactly(Map.entry("lang", "\"en\""));
        assertThat(layer(event.delta().app())).containsExactly(
                Map.entry("model", "{\"v\":1.10,\"n\":[1E+3,0.0,123456789012345678901]}"));
        assertThat(event.id()).isEqualTo("e");
        assertThat(event.timestamp()).isEqualTo(1733246400.1);
        assertThat(event.partial()).isFalse();
    }

    @Test
    void aMissingIdAndTimestampAreFilledInLastAndNullOnesInPlace() {
        IncomingEvent missing = normalize("{\"author\":\"user\"}");
        assertThat(text(missing.json())).isEqualTo("{\"author\":\"user\",\"id\":\"" + missing.id()
                + "\",\"timestamp\":1733246400.5}");
        assertThat(missing.id()).isNotBlank();
        assertThat(missing.timestamp()).isEqualTo(NOW);

        IncomingEvent nulls = normalize("{\"id\":null,\"timestamp\":null,\"partial\":null,\"actions\":null}");
        assertThat(text(nulls.json())).isEqualTo("{\"id\":\"" + nulls.id() + "\",\"timestamp\":1733246400.5,"
                + "\"partial\":null,\"actions\":null}");
        assertThat(nulls.delta().isEmpty()).isTrue();

        IncomingEvent empty = normalizer.normalize(new byte[0], NOW);
        assertThat(text(empty.json())).isEqualTo("{\"id\":\"" + empty.id() + "\",\"timestamp\":1733246400.5}");
    }

    @Test
    void aPartialEventSaysSoAndADeltaOfTempKeysOnlyIsEmpty() {
        IncomingEvent event = normalize("{\"id\":\"p\",\"timestamp\":3,\"partial\":true,"
                + "\"actions\":{\"stateDelta\":{\"temp:a\":1,\"temp:b\":[2]}}}");
        assertThat(event.partial()).isTrue();
        assertThat(event.delta().isEmpty()).isTrue();
        assertThat(text(event.json())).isEqualTo("{\"id\":\"p\",\"timestamp\":3,\"partial\":true,"
                + "\"actions\":{\"stateDelta\":{}}}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[1]                                               | INVALID_REQUEST | The event must be a JSON object, not array",
            "{\"id\":                                          | MALFORMED_JSON  | The event is not valid JSON",
            "{\"id\":\"a\"} {}                                 | MALFORMED_JSON  | The event has content after its JSON value",
            "{\"id\":\"a\",\"id\":\"b\"}                       | MALFORMED_JSON  | The event has the key /id twice",
            "{\"id\":7}                                        | INVALID_REQUEST | Event field 'id' must be a string",
            "{\"id\":\"\"}                                     | INVALID_ID      | Event id must not be empty",
            "{\"id\":\"longer-than-sixteen\"}                  | INVALID_ID      | Event id is 19 characters long; the limit is 16",
            "{\"timestamp\":\"today\"}                         | INVALID_REQUEST | Event field 'timestamp' must be a number (seconds since the epoch)",
            "{\"timestamp\":-1}                                | INVALID_REQUEST | Event field 'timestamp' must be a finite, non-negative number",
            "{\"partial\":\"yes\"}                             | INVALID_REQUEST | Event field 'partial' must be a boolean",
            "{\"actions\":[]}                                  | INVALID_REQUEST | Event field 'actions' must be an object",
            "{\"actions\":{\"stateDelta\":5}}                  | INVALID_REQUEST | Event actions field 'stateDelta' must be an object",
            "{\"actions\":{\"stateDelta\":{\"\":1}}}           | INVALID_REQUEST | actions.stateDelta has an empty key",
            "{\"actions\":{\"stateDelta\":{\"app:\":1}}}       | INVALID_REQUEST | actions.stateDelta key 'app:' has a prefix but no name",
    })
    void refusesWhatCannotBeStoredWithAClearKindAndMessage(String body, Kind kind, String message) {
        assertThatThrownBy(() -> normalize(body))
                .isInstanceOf(SessionGridError.class)
                .hasMessageStartingWith(message)
                .extracting(e -> ((SessionGridError) e).kind()).isEqualTo(kind);
    }

    private IncomingEvent normalize(String body) {
        return normalizer.normalize(body.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }

    private static Map<String, String> layer(Map<String, byte[]> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, text(v)));
        return out;
    }
}
