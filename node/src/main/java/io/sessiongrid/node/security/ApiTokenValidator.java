package io.sessiongrid.node.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * Micronaut Security's token validator for our API tokens: the bearer token of a request becomes a
 * {@link TokenAuthentication} when its hash matches a configured one; otherwise the request has no
 * principal and the access rule answers 401.
 */
@Singleton
@Requires(property = SecuritySettings.ENABLED, value = "true")
public class ApiTokenValidator implements TokenValidator<HttpRequest<?>> {

    private final ApiTokens tokens;

    public ApiTokenValidator(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        return tokens.match(token)
                .<Publisher<Authentication>>map(match -> Publishers.just(new TokenAuthentication(match)))
                .orElseGet(Publishers::empty);
    }
}
