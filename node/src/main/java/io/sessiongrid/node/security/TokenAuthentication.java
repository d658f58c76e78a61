package io.sessiongrid.node.security;

import io.micronaut.security.authentication.Authentication;
import io.sessiongrid.node.ratelimit.RateLimitFilter;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The principal of a request that presented a configured token: named after the token's entry (never
 * the secret), with its scopes as roles.
 */
public final class TokenAuthentication implements Authentication {

    private final transient ApiToken token;
    /** Built once: the rate-limit filter reads them on every request. */
    private final Map<String, Object> attributes;

    public TokenAuthentication(ApiToken token) {
        this.token = Objects.requireNonNull(token, "token");
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("apps", token.apps());
        if (token.rateLimit() != null) {
            attributes.put(RateLimitFilter.TOKEN_LIMIT_ATTRIBUTE, token.rateLimit());
        }
        this.attributes = Collections.unmodifiableMap(attributes);
    }

    public ApiToken token() {
        return token;
    }

    @Override
    public String getName() {
        return token.name();
    }

    @Override
    public Collection<String> getRoles() {
        return token.scopes().stream().map(Scope::configName).sorted().toList();
    }

    @Override
    public Map<String, Object> getAttributes() {
        return attributes;
    }
}
