package io.sessiongrid.spring.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Both JSON encodings store the same form and read it back as the stored type. */
class JsonCodecsTest {

    public record Cart(String item, int count) {
    }

    static Stream<AttributeCodec> codecs() {
        ClassLoader loader = JsonCodecsTest.class.getClassLoader();
        return Stream.of(new JsonAttributeCodec(new ObjectMapper(), loader),
                new JacksonJsonAttributeCodec(JsonMapper.builder().build(), loader));
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void aRecordIsStoredWithItsClassAndReadBackAsIt(AttributeCodec codec) {
        JsonNode stored = codec.encode(new Cart("book", 2));

        assertThat(stored.toString())
                .isEqualTo("{\"@class\":\"io.sessiongrid.spring.session.JsonCodecsTest$Cart\",\"value\":{\"item\":\"book\",\"count\":2}}");
        assertThat(codec.decode(stored)).isEqualTo(new Cart("book", 2));
        assertThat(codec.decode(codec.encode(List.of("a", "b")))).isEqualTo(List.of("a", "b"));
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void aClassTheAppNoLongerHasIsNamedInTheError(AttributeCodec codec) throws Exception {
        JsonNode stored = new ObjectMapper().readTree("{\"@class\":\"example.Gone\",\"value\":{}}");

        assertThatThrownBy(() -> codec.decode(stored)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("A session attribute of example.Gone could not be read");
        assertThatThrownBy(() -> codec.decode(new ObjectMapper().readTree("{\"value\":1}")))
                .hasMessage("A JSON session attribute must be {\"@class\", \"value\"}");
    }
}
