package io.sessiongrid.node.http.json;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A minimal JSON writer whose point is {@link #raw}: stored events and state values are already
 * encoded JSON, so responses copy their bytes instead of parsing and re-encoding them. It writes into
 * its own array, without the lock {@code ByteArrayOutputStream} takes per write, and
 * {@link #toByteBuffer} hands that array over without the final copy.
 */
public final class JsonBytes {

    private static final int MAX_DEPTH = 16;

    private byte[] buffer;
    private int length;
    private final boolean[] hasItems = new boolean[MAX_DEPTH];
    private int depth;
    private boolean afterName;

    public JsonBytes(int sizeHint) {
        this.buffer = new byte[Math.max(64, sizeHint)];
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
        write(':');
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
        write(json);
        return this;
    }

    /** The document, in an array of its own length. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    /** The document as a view of this writer's array: no copy; write nothing more after this. */
    public ByteBuffer toByteBuffer() {
        return ByteBuffer.wrap(buffer, 0, length);
    }

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private JsonBytes ascii(String s) {
        separate();
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buffer[length++] = (byte) s.charAt(i);
        }
        return this;
    }

    private JsonBytes open(char c) {
        separate();
        write(c);
        depth++;
        hasItems[depth] = false;
        return this;
    }

    private JsonBytes close(char c) {
        write(c);
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
                write(',');
            }
            hasItems[depth] = true;
        }
    }

    private void quoted(String s) {
        write('"');
        write(JsonStringEncoder.getInstance().quoteAsUTF8(s));
        write('"');
    }

    private void write(char c) {
        ensure(1);
        buffer[length++] = (byte) c;
    }

    private void write(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
