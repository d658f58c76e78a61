package io.sessiongrid.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessiongrid.client.Event;
import io.sessiongrid.client.EventPage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventJsonMapperTest {

    private final JsonCodec json = new JsonCodec();
    private final EventJsonMapper mapper = new EventJsonMapper(json);

    @Test
    void roundTripKeepsUnknownFieldsOtherActionsNullsAndDecimalDigits() {
        String original = "{\"id\":\"e1\",\"invocationId\":\"inv-1\",\"author\":\"agent\","
                + "\"timestamp\":1700000000.25,\"partial\":false,"
                + "\"content\":{\"parts\":[{\"text\":\"hi\",\"thought\":null}],\"score\":1.10,\"none\":null},"
                + "\"actions\":{\"stateDelta\":{\"k\":1.10,\"app:n\":null},\"transferToAgent\":\"other\","
                + "\"artifactDelta\":{}},"
                + "\"customMetadata\":{\"x\":[1,null,2.50]},\"branch\":null}";

        Event event = mapper.read(json.read(original));

        assertThat(event.id()).isEqualTo("e1");
        assertThat(event.invocationId()).isEqualTo("inv-1");
        assertThat(event.author()).isEqualTo("agent");
        assertThat(event.timestamp()).isEqualTo(1700000000.25);
        assertThat(event.partial()).isFalse();
        assertThat(event.content().get("score").decimalValue()).isEqualTo(new BigDecimal("1.10"));
        assertThat(event.content().get("parts").get(0).get("thought").isNull()).isTrue();
        assertThat(event.stateDelta()).containsOnlyKeys("k", "app:n");
        assertThat(event.stateDelta().get("k").toString()).isEqualTo("1.10");
        assertThat(event.stateDelta().get("app:n").isNull()).isTrue();
        assertThat(event.actions().other()).containsOnlyKeys("transferToAgent", "artifactDelta");
        assertThat(event.extra()).containsOnlyKeys("customMetadata", "branch");
        assertThat(event.extra().get("branch").isNull()).isTrue();

        assertThat(written(event)).isEqualTo(original);
    }

    @Test
    void aRemovedStateKeyIsWrittenAsJsonNull() {
        Event event = Event.builder().id("r").author("a").stateDelta("k", 1).removeState("user:gone").build();

        assertThat(written(event)).isEqualTo(
                "{\"id\":\"r\",\"author\":\"a\",\"actions\":{\"stateDelta\":{\"k\":1,\"user:gone\":null}}}");
    }

    @Test
    void writesKnownFieldsFirstInAdkOrderThenUnknownOnes() {
        String shuffled = "{\"custom\":true,\"actions\":{\"escalate\":true,\"stateDelta\":{}},\"author\":\"user\","
                + "\"id\":\"e2\"}";

        Event event = mapper.read(json.read(shuffled));

        assertThat(written(event)).isEqualTo(
                "{\"id\":\"e2\",\"author\":\"user\",\"actions\":{\"stateDelta\":{},\"escalate\":true},\"custom\":true}");
    }

    @Test
    void distinguishesAbsentContentFromExplicitNullContent() {
        Event absent = mapper.read(json.read("{\"id\":\"a\"}"));
        Event explicitNull = mapper.read(json.read("{\"id\":\"a\",\"content\":null,\"actions\":null}"));

        assertThat(absent.content()).isNull();
        assertThat(absent.actions()).isNull();
        assertThat(written(absent)).isEqualTo("{\"id\":\"a\"}");
        assertThat(explicitNull.content().isNull()).isTrue();
        assertThat(explicitNull.actions()).isNull();
        assertThat(written(explicitNull)).isEqualTo("{\"id\":\"a\",\"content\":null}");
    }

    @Test
    void readsIntegerAndExponentTimestampsAsDoubleAndWritesPlainDigits() {
        Event integral = mapper.read(json.read("{\"timestamp\":1700000000}"));
        Event exponent = mapper.read(json.read("{\"timestamp\":1.7000000005E9}"));

        assertThat(integral.timestamp()).isEqualTo(1.7e9);
        assertThat(exponent.timestamp()).isEqualTo(1700000000.5);
        assertThat(written(integral)).isEqualTo("{\"timestamp\":1700000000}");
        assertThat(written(exponent)).isEqualTo("{\"timestamp\":1700000000.5}");
    }

    @Test
    void builderConvertsPlainJavaValuesAndKeepsDecimalDigits() {
        java.util.Map<String, Object> content = new java.util.LinkedHashMap<>();
        content.put("role", "user");
        content.put("parts", java.util.List.of(java.util.Map.of("text", "hello")));
        content.put("missing", null);

        Event event = Event.builder()
                .id("e3")
                .invocationId("inv")
                .author("user")
                .timestamp(1.5)
                .partial(true)
                .content(content)
                .stateDelta("price", new BigDecimal("1.10"))
                .stateDelta("user:count", 3)
                .stateDelta("gone", null)
                .action("transferToAgent", "billing")
                .extra("branch", "root.billing")
                .build();

        assertThat(written(event)).isEqualTo("{\"id\":\"e3\",\"invocationId\":\"inv\",\"author\":\"user\","
                + "\"timestamp\":1.5,\"partial\":true,"
                + "\"content\":{\"role\":\"user\",\"parts\":[{\"text\":\"hello\"}],\"missing\":null},"
                + "\"actions\":{\"stateDelta\":{\"price\":1.10,\"user:count\":3,\"gone\":null},"
                + "\"transferToAgent\":\"billing\"},\"branch\":\"root.billing\"}");
    }

    @Test
    void readsEventPages() {
        EventPage page = mapper.readPage(json.read(
                "{\"events\":[{\"id\":\"a\"},{\"id\":\"b\",\"x\":1}],\"nextPageToken\":\"t2\"}"));
        EventPage last = mapper.readPage(json.read("{\"events\":[],\"nextPageToken\":null}"));

        assertThat(page.events()).extracting(Event::id).containsExactly("a", "b");
        assertThat(page.events().get(1).extra().get("x").intValue()).isEqualTo(1);
        assertThat(page.nextPageToken()).isEqualTo("t2");
        assertThat(page.hasNext()).isTrue();
        assertThat(last.events()).isEmpty();
        assertThat(last.nextPageToken()).isNull();
        assertThat(last.hasNext()).isFalse();
    }

    @Test
    void refusesEventsThatAreNotObjects() {
        assertThatThrownBy(() -> mapper.read(json.read("[1]")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event must be a JSON object");
    }

    private String written(Event event) {
        JsonNode node = mapper.write(event);
        return new String(json.write(node), StandardCharsets.UTF_8);
    }
}
