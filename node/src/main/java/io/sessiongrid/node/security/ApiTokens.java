package io.sessiongrid.node.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/** The configured tokens, matched by the SHA-256 of a presented secret. */
public final class ApiTokens {

    private final List<ApiToken> tokens;

    public ApiTokens(List<ApiToken> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    public List<ApiToken> all() {
        return tokens;
    }

    /**
     * The token whose hash matches. Every configured hash is compared, each in constant time, so the
     * time taken tells nothing about which hash, or how much of one, matched.
     */
    public Optional<ApiToken> match(String presented) {
        byte[] hash = sha256(presented);
        ApiToken found = null;
        for (ApiToken token : tokens) {
            if (token.hashEquals(hash) && found == null) {
                found = token;
            }
        }
        return Optional.ofNullable(found);
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
