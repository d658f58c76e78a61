package io.sessiongrid.node.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.sessiongrid.node.http.RouteApp;
import io.sessiongrid.node.http.problem.ProblemType;
import io.sessiongrid.node.http.problem.Problems;
import io.sessiongrid.node.metrics.RejectionMetrics;
import jakarta.inject.Singleton;

/**
 * Turns the access rule's rejections into problem responses: 401 with a Bearer challenge (RFC 6750)
 * when no valid token came, 403 when the token may not do this here. Both are counted.
 */
@Produces
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
@Requires(property = SecuritySettings.ENABLED, value = "true")
public class AccessDeniedHandler implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    static final String REALM = "Bearer realm=\"sessiongrid\"";

    private final Problems problems;
    private final RejectionMetrics rejections;

    public AccessDeniedHandler(Problems problems, RejectionMetrics rejections) {
        this.problems = problems;
        this.rejections = rejections;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        // What the access rule decided on; absent only if another rule rejected first.
        RouteAccess access = ((HttpRequest<?>) request).getAttribute(RouteAccess.ATTRIBUTE, RouteAccess.class).orElse(null);
        String app = RouteApp.of(request).orElse(null);
        if (exception.isForbidden()) {
            rejections.rejected(app, RejectionMetrics.Reason.SCOPE);
            return problems.response(ProblemType.FORBIDDEN, forbiddenDetail(access));
        }
        rejections.rejected(app, RejectionMetrics.Reason.AUTH);
        AppRouteAccess.Verdict verdict = AppRouteAccess.unauthorized(request.getHeaders().contains(HttpHeaders.AUTHORIZATION));
        return problems.response(verdict.refusal()).header(HttpHeaders.WWW_AUTHENTICATE, verdict.challenge());
    }

    private static String forbiddenDetail(RouteAccess access) {
        if (access == null) {
            return "This token may not make this request";
        }
        return switch (access.kind()) {
            case APP -> AppRouteAccess.forbidden(access.app(), access.scope());
            case ACROSS_APPS -> "This route spans every app: it needs a token with the admin scope for apps [\"*\"]";
            default -> "This token may not make this request";
        };
    }
}
