package io.sessiongrid.node.security;

import io.micronaut.core.annotation.Nullable;
import io.sessiongrid.node.http.problem.Problem;
import io.sessiongrid.node.http.problem.ProblemType;
import io.sessiongrid.node.metrics.RejectionMetrics;
import jakarta.inject.Singleton;

import java.util.Locale;

/**
 * Access to a route of one app, decided without Micronaut Security's filter chain, for the hot routes
 * served below it: the same token reading (the first {@code Authorization} header, prefix
 * {@code Bearer } in any case), the same rule as {@link AccessRule} for an app route and the same
 * refusals, counted alike, as {@link AccessDeniedHandler}.
 */
@Singleton
public class AppRouteAccess {

    private static final String BEARER = "bearer ";

    /** What a request may do, or the problem that refuses it. */
    public record Verdict(@Nullable ApiToken token, @Nullable Problem refusal, @Nullable String challenge) {
        static final Verdict OPEN = new Verdict(null, null, null);

        public boolean allowed() {
            return refusal == null;
        }
    }

    private final ApiTokens tokens;
    private final RejectionMetrics rejections;

    public AppRouteAccess(SecuritySettings settings, @Nullable ApiTokens tokens, RejectionMetrics rejections) {
        if (settings.on() && tokens == null) {
            throw new IllegalStateException("Access control is on but no token list was made: refusing to serve open");
        }
        this.tokens = settings.on() ? tokens : null;
        this.rejections = rejections;
    }

    /**
     * @param authorization the request's first {@code Authorization} header, or null
     * @param read          whether the route reads (GET, HEAD) rather than writes
     */
    public Verdict check(@Nullable String authorization, String app, boolean read) {
        if (tokens == null) {
            return Verdict.OPEN;
        }
        ApiToken token = authorization == null ? null : bearer(authorization);
        if (token == null) {
            rejections.rejected(app, RejectionMetrics.Reason.AUTH);
            return unauthorized(authorization != null);
        }
        Scope scope = read ? Scope.READ : Scope.WRITE;
        if (!token.permits(app, scope)) {
            rejections.rejected(app, RejectionMetrics.Reason.SCOPE);
            return new Verdict(token, new Problem(ProblemType.FORBIDDEN, forbidden(app, scope)), null);
        }
        return new Verdict(token, null, null);
    }

    private ApiToken bearer(String authorization) {
        if (authorization.length() < BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return null;
        }
        return tokens.match(authorization.substring(BEARER.length())).orElse(null);
    }

    /** 401 with a Bearer challenge (RFC 6750); {@code presented}: an Authorization header came. */
    static Verdict unauthorized(boolean presented) {
        Problem problem = new Problem(ProblemType.UNAUTHORIZED, presented
                ? "The API token is not valid for this node; send Authorization: Bearer <token> with a configured token"
                : "This node requires an API token: send Authorization: Bearer <token>");
        return new Verdict(null, problem, presented ? AccessDeniedHandler.REALM + ", error=\"invalid_token\"" : AccessDeniedHandler.REALM);
    }

    static String forbidden(String app, Scope scope) {
        return "This token lacks the " + scope.configName() + " scope for app '" + app + "'";
    }
}
