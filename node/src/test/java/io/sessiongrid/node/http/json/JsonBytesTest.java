package io.sessiongrid.node.http.json;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class JsonBytesTest {

    @Test
    void writesNestedDocumentsWithCommasOnlyBetweenItems() {
        JsonBytes json = new JsonBytes(16).beginObject()
                .name("id").string("s-1")
                .name("empty").beginArray().endArray()
                .name("events").beginArray().raw(bytes("{\"a\":1}")).raw(bytes("[2]")).endArray()
                .name("state").beginObject().name("n").number(42L).name("t").number(1732451234.5).name("ok").bool(true)
                .name("none").string(null).endObject()
                .endObject();

        assertThat(text(json.toByteArray())).isEqualTo("{\"id\":\"s-1\",\"empty\":[],\"events\":[{\"a\":1},[2]],"
                + "\"state\":{\"n\":42,\"t\":1732451234.5,\"ok\":true,\"none\":null}}");
    }

    @Test
    void escapesNamesAndStrings() {
        byte[] out = new JsonBytes(8).beginObject().name("quote\"d").string("line\nbreak \\ é 😀").endObject().toByteArray();

        assertThat(text(out)).isEqualTo("{\"quote\\\"d\":\"line\\nbreak \\\\ é 😀\"}");
    }

    @Test
    void growsPastItsSizeHintAndHandsOverTheSameBytesWithoutACopy() {
        JsonBytes json = new JsonBytes(1).beginArray();
        for (int i = 0; i < 1000; i++) {
            json.number(i);
        }
        json.endArray();
        byte[] copied = json.toByteArray();
        ByteBuffer view = json.toByteBuffer();

        assertThat(copied).hasSize(view.remaining());
        assertThat(text(copied)).startsWith("[0,1,2,").endsWith(",998,999]");
        byte[] viewed = new byte[view.remaining()];
        view.get(viewed);
        assertThat(viewed).isEqualTo(copied);
        assertThat(view.hasArray()).isTrue();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
