package io.sessiongrid.node.session;

import java.security.SecureRandom;
import java.util.Base64;

/** Generates unguessable URL-safe ids: 128 bits from a secure random, 22 characters. */
public final class SessionIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private SessionIds() {
    }

    public static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
