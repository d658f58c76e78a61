package io.sessiongrid.node.session.model;

/**
 * A state delta's JSON {@code null} removes its key (JSON Merge Patch), in every layer. Values stay
 * encoded bytes, so the test is on the bytes the encoder writes for null.
 */
public final class JsonNull {

    private JsonNull() {
    }

    /** Whether an encoded value is the JSON literal {@code null}. */
    public static boolean is(byte[] json) {
        return json.length == 4 && json[0] == 'n' && json[1] == 'u' && json[2] == 'l' && json[3] == 'l';
    }
}
