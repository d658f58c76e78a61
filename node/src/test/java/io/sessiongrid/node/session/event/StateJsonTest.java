package io.sessiongrid.node.session.event;

import io.sessiongrid.node.session.SessionBeans;
import io.sessiongrid.node.session.SessionGridError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Request JSON is read strictly and refused where the store could not hold it, in one parse. */
class StateJsonTest {

    private final StateJson json = new SessionBeans().stateJson();

    private SessionGridError refusal(String body) {
        return refusal(body.getBytes(StandardCharsets.UTF_8));
    }

    private SessionGridError refusal(byte[] body) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> json.parseObject(body, "The event"));
        assertThat(thrown).isInstanceOf(SessionGridError.class);
        return (SessionGridError) thrown;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"a":1} x                             | MALFORMED_JSON  | is not valid JSON (line 1, column
            {"a":1}{"b":2}                        | MALFORMED_JSON  | has content after its JSON value (line 1, column 8)
            {"a":1} []                            | MALFORMED_JSON  | has content after its JSON value
            {"a":1,"a":2}                         | MALFORMED_JSON  | has the key /a twice
            {"x":{"k":{},"b":[1],"k":null}}       | MALFORMED_JSON  | has the key /x/k twice
            {"n":1e999999}                        | INVALID_REQUEST | holds a number the session store (PostgreSQL jsonb) cannot hold at /n: 1e999999, it has 1000000 digits before the decimal point (at most 131072)
            {"a":[0,1e-16384]}                    | INVALID_REQUEST | at /a/1: 1e-16384, it has 16384 digits after the decimal point
            {"n":1e2147483648}                    | INVALID_REQUEST | at /n: 1e2147483648, its exponent is out of range
            {"timestamp":-1E+131072}              | INVALID_REQUEST | at /timestamp
            {"s":"a\\u0000b"}                     | INVALID_REQUEST | holds the character \\u0000 in the string at /s,
            {"state":{"a\\u0000b":1}}             | INVALID_REQUEST | holds the character \\u0000 in the key at /state/a\\u0000b,
            {"c":{"t":"cut \\ud83d"}}             | MALFORMED_JSON  | the string at /c/t holds \\uD83D at index 4, half of a UTF-16 surrogate pair
            {"c":["\\ude00"]}                     | MALFORMED_JSON  | the string at /c/0 holds \\uDE00 at index 0
            {"\\ud800k":1}                        | MALFORMED_JSON  | is not valid JSON
            """)
    void refuses(String body, SessionGridError.Kind kind, String detail) {
        SessionGridError error = refusal(body);

        assertThat(error.kind()).isEqualTo(kind);
        assertThat(error.getMessage()).startsWith("The event ").contains(detail);
    }

    @Test
    void refusesSurrogatesAndNulSentAsRawBytes() {
        byte[] encodedSurrogate = {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
        byte[] beyondUnicode = {'{', '"', 'a', '"', ':', '"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"', '}'};
        byte[] overlongNul = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0x80, '"', '}'};
        byte[] keyBeyondUnicode = {'{', '"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"', ':', '1', '}'};

        assertThat(refusal(encodedSurrogate).kind()).isEqualTo(SessionGridError.Kind.MALFORMED_JSON);
        assertThat(refusal(beyondUnicode).kind()).isEqualTo(SessionGridError.Kind.MALFORMED_JSON);
        assertThat(refusal(overlongNul).kind()).isEqualTo(SessionGridError.Kind.INVALID_REQUEST);
        assertThat(refusal(keyBeyondUnicode).kind()).isEqualTo(SessionGridError.Kind.MALFORMED_JSON);
    }

    @Test
    void showsOnlyAnExcerptOfAHugeKey() {
        String key = "k".repeat(10_000);

        String detail = refusal("{\"" + key + "\\u0000\":1}").getMessage();

        assertThat(detail).contains("k".repeat(50) + "… (10002 characters)").hasSizeLessThan(300);
    }

    @Test
    void acceptsWhatTheStoreHolds() {
        String body = "{\"n\":1e131071,\"f\":1e-16383,\"z\":0e999999,\"x\":1.50,\"e\":\"\\ud83d\\ude00 \uD83D\uDE00\","
                + "\"k\\ud83d\\ude00\":[true,null,-0.0,\"\\\\u0000\"]}  \n";

        assertThat(json.parseObject(body.getBytes(StandardCharsets.UTF_8), "The event").toString())
                .isEqualTo("{\"n\":1E+131071,\"f\":1E-16383,\"z\":0E+999999,\"x\":1.50,\"e\":\"\uD83D\uDE00 \uD83D\uDE00\","
                        + "\"k\uD83D\uDE00\":[true,null,0.0,\"\\\\u0000\"]}");
    }

    @Test
    void emptyOrBlankBodiesAreEmptyObjects() {
        assertThat(json.parseObject(new byte[0], "The event").isEmpty()).isTrue();
        assertThat(json.parseObject(" \n".getBytes(StandardCharsets.UTF_8), "The event").isEmpty()).isTrue();
        assertThatThrownBy(() -> json.parseObject("[1]".getBytes(StandardCharsets.UTF_8), "The event"))
                .isInstanceOf(SessionGridError.class).hasMessageContaining("must be a JSON object, not array");
    }
}
