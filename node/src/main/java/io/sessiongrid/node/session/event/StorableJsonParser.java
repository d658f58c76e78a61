package io.sessiongrid.node.session.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import io.sessiongrid.node.session.SessionGridError;

import java.io.IOException;

/**
 * Reads request JSON and refuses, token by token as the tree is built, what a jsonb column could not
 * hold ({@link JsonbLimits}): one pass, no second walk over the tree, and nothing allocated unless a
 * value is refused (numbers are read from the parser's buffer, strings are the ones the tree keeps).
 * Every token passes {@link #nextToken()} or {@link #nextFieldName()}: {@link JsonParser}'s other
 * {@code nextXxx()} methods call the former, and the delegate's shortcuts are overridden here.
 */
final class StorableJsonParser extends JsonParserDelegate {

    /** Longest excerpt of a refused value or of its path a problem detail shows. */
    private static final int SHOWN = 60;

    private final String what;

    StorableJsonParser(JsonParser parser, String what) {
        super(parser);
        this.what = what;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken token = delegate.nextToken();
        if (token != null) {
            check(token);
        }
        return token;
    }

    /** The parser's own shortcut (a name and its value's start in one step), which tree reading uses. */
    @Override
    public String nextFieldName() throws IOException {
        String name = delegate.nextFieldName();
        JsonToken token = delegate.currentToken();
        if (token != null) {
            check(token);
        }
        return name;
    }

    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken token = nextToken();
        return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }

    @Override
    public JsonParser skipChildren() throws IOException {
        if (currentToken() == JsonToken.START_OBJECT || currentToken() == JsonToken.START_ARRAY) {
            for (int open = 1; open > 0; ) {
                JsonToken token = nextToken();
                if (token == null) {
                    break;
                }
                open += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
            }
        }
        return this;
    }

    private void check(JsonToken token) throws IOException {
        switch (token) {
            case FIELD_NAME -> checkText(delegate.currentName(), "key");
            case VALUE_STRING -> checkText(delegate.getText(), "string");
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                char[] text = delegate.getTextCharacters();
                int offset = delegate.getTextOffset();
                int length = delegate.getTextLength();
                String problem = JsonbLimits.numberProblem(text, offset, length);
                if (problem != null) {
                    throw SessionGridError.invalid(what + " holds a number the session store (PostgreSQL jsonb)"
                            + " cannot hold at " + path() + ": " + shown(new String(text, offset, length)) + ", "
                            + problem);
                }
            }
            default -> {
            }
        }
    }

    private void checkText(String text, String kind) {
        int bad = JsonbLimits.badCharacter(text);
        if (bad < 0) {
            return;
        }
        char c = text.charAt(bad);
        if (c == '\u0000') {
            throw SessionGridError.invalid(what + " holds the character \\u0000 in the " + kind + " at " + path()
                    + ", which the session store (PostgreSQL jsonb) cannot hold");
        }
        // Not well-formed Unicode: PostgreSQL calls it invalid JSON, and so does Jackson in keys and raw bytes.
        throw new SessionGridError(SessionGridError.Kind.MALFORMED_JSON, what + " is not valid JSON: the " + kind
                + " at " + path() + " holds " + escaped(c) + " at index " + bad + ", half of a UTF-16 surrogate"
                + " pair (a character cut in two, e.g. an emoji)");
    }

    /** The JSON pointer of the current token: a key's own member, a value's place. */
    private String path() {
        String pointer = delegate.getParsingContext().pathAsPointer().toString();
        return pointer.isEmpty() ? "the top level" : shown(pointer);
    }

    /** Text for a problem detail: control characters and surrogates escaped, long text cut. */
    static String shown(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), SHOWN) + 8);
        for (int i = 0; i < text.length() && i < SHOWN; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(escaped(c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > SHOWN) {
            out.append("… (").append(text.length()).append(" characters)");
        }
        return out.toString();
    }

    private static String escaped(char c) {
        return String.format("\\u%04X", (int) c);
    }
}
