package io.sessiongrid.spring.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.springframework.core.ConfigurableObjectInputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Base64;

/**
 * The default encoding, as Spring Session's own: any {@link Serializable} value (Spring Security's
 * {@code SecurityContext} included) in Java serialization, base64 in a JSON string. Opaque in the grid;
 * classes are resolved with the given class loader (the application's).
 */
public final class JavaSerializationCodec implements AttributeCodec {

    private final ClassLoader classLoader;

    public JavaSerializationCodec(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public JsonNode encode(Object value) {
        if (!(value instanceof Serializable)) {
            throw new IllegalArgumentException("Session attribute of " + value.getClass().getName()
                    + " is not Serializable; the default encoding is Java serialization");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("Session attribute of " + value.getClass().getName()
                    + " could not be serialized: " + e.getMessage(), e);
        }
        return TextNode.valueOf(Base64.getEncoder().encodeToString(bytes.toByteArray()));
    }

    @Override
    public Object decode(JsonNode value) {
        if (!value.isTextual()) {
            throw new IllegalStateException("A Java-serialized session attribute must be a base64 string, not "
                    + value.getNodeType());
        }
        byte[] bytes = Base64.getDecoder().decode(value.textValue());
        try (ConfigurableObjectInputStream in = new ConfigurableObjectInputStream(new ByteArrayInputStream(bytes), classLoader)) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("A session attribute could not be deserialized: " + e.getMessage(), e);
        }
    }
}
