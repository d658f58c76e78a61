package io.sessiongrid.node.http.json;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;

/**
 * A minimal JSON writer whose point is {@link #raw}: stored events and state values are already
 * encoded JSON, so responses copy their bytes instead of parsing and re-encoding them.
 */
public final class JsonBytes {

    private static final int MAX_DEPTH = 16;

    private final ByteArrayOutputStream out;
    private final boolean[] hasItems = new boolean[MAX_DEPTH];
    private int depth;
    private boolean afterName;

    public JsonBytes(int sizeHint) {
        this.out = new ByteArrayOutputStream(Math.max(64, sizeHint));
    }

    public JsonBytes beginObject() {
        return open('{');
    }

    public JsonBytes endObject() {
        return close('}');
    }

    public JsonBytes beginArray() {
        return open('[');
    }

    public JsonBytes endArray() {
        return close(']');
    }

    public JsonBytes name(String name) {
        separate();
        quoted(name);
        out.write(':');
        afterName = true;
        return this;
    }

    public JsonBytes string(String value) {
        if (value == null) {
            return raw(NULL);
        }
        separate();
        quoted(value);
        return this;
    }

    public JsonBytes number(long value) {
        return ascii(Long.toString(value));
    }

    public JsonBytes bool(boolean value) {
        return ascii(value ? "true" : "false");
    }

    /** Plain decimal notation: seconds since the epoch read better as 1732451234.5 than 1.7324512345E9. */
    public JsonBytes number(double value) {
        return ascii(BigDecimal.valueOf(value).toPlainString());
    }

    /** Writes an already-encoded JSON value as it is. */
    public JsonBytes raw(byte[] json) {
        separate();
        out.writeBytes(json);
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private JsonBytes ascii(String s) {
        separate();
        for (int i = 0; i < s.length(); i++) {
            out.write(s.charAt(i));
        }
        return this;
    }

    private JsonBytes open(char c) {
        separate();
        out.write(c);
        depth++;
        hasItems[depth] = false;
        return this;
    }

    private JsonBytes close(char c) {
        out.write(c);
        depth--;
        return this;
    }

    /** Writes the comma between items of the enclosing container, but not between a name and its value. */
    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0) {
            if (hasItems[depth]) {
                out.write(',');
            }
            hasItems[depth] = true;
        }
    }

    private void quoted(String s) {
        out.write('"');
        out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(s));
        out.write('"');
    }
}
