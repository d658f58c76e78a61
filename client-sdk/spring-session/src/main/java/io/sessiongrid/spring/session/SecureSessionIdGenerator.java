package io.sessiongrid.spring.session;

import org.springframework.session.SessionIdGenerator;

import java.security.SecureRandom;
import java.util.Base64;

/** Session ids as the grid generates its own: 128 bits from a secure random, 22 URL-safe characters. */
public final class SecureSessionIdGenerator implements SessionIdGenerator {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    @Override
    public String generate() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
