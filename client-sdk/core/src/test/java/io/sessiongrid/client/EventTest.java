package io.sessiongrid.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventTest {

    @Test
    void withIdAndToBuilderKeepEverythingElse() {
        Event event = Event.builder().author("user").content("hi").stateDelta("k", 1).extra("x", true).build();

        Event identified = event.withId("e1");
        Event rebuilt = identified.toBuilder().build();

        assertThat(identified.id()).isEqualTo("e1");
        assertThat(identified).isEqualTo(new Event("e1", null, "user", null, null, event.content(),
                event.actions(), event.extra()));
        assertThat(rebuilt).isEqualTo(identified);
    }

    @Test
    void builderLeavesActionsOutUnlessSomeWereSet() {
        assertThat(Event.builder().author("user").build().actions()).isNull();
        assertThat(Event.builder().actions(EventActions.empty()).build().actions()).isEqualTo(EventActions.empty());
    }

    @Test
    void nullContentIsAbsentButNullStateValuesAreJsonNull() {
        Event event = Event.builder().content(null).stateDelta("k", null).build();

        assertThat(event.content()).isNull();
        assertThat(event.stateDelta().get("k")).isEqualTo(NullNode.getInstance());
    }

    @Test
    void mapsAreUnmodifiableCopiesInInsertionOrder() {
        Map<String, com.fasterxml.jackson.databind.JsonNode> extra = new LinkedHashMap<>();
        extra.put("z", JsonNodeFactory.instance.numberNode(1));
        extra.put("a", null);
        Event event = new Event("e", null, null, null, null, null, null, extra);
        extra.put("later", JsonNodeFactory.instance.numberNode(2));

        assertThat(event.extra().keySet()).containsExactly("z", "a");
        assertThat(event.extra().get("a")).isEqualTo(NullNode.getInstance());
        assertThatThrownBy(() -> event.extra().put("b", NullNode.getInstance()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesExtraFieldsThatShadowComponents() {
        assertThatThrownBy(() -> Event.builder().extra("author", "x").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'author' is an Event component, not an extra field");
        assertThatThrownBy(() -> new EventActions(Map.of(), Map.of("stateDelta", NullNode.getInstance())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNonFiniteTimestamps() {
        assertThatThrownBy(() -> Event.builder().timestamp(Double.NaN).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timestamp must be finite but was NaN");
    }
}
