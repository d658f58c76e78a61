package io.sessiongrid.node.ratelimit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import io.sessiongrid.node.http.RouteApp;
import io.sessiongrid.node.http.problem.Problems;
import io.sessiongrid.node.metrics.RejectionMetrics;


/**
 * Refuses a request over its app's or its token's rate with 429 and {@code Retry-After}. Runs after
 * the security filter, so requests without a valid token or scope never drain a bucket.
 */
// A regex, matched with a cached Pattern: Micronaut's default (Ant) style tokenizes path and pattern
// on every request, a tenth of a request's allocations.
@ServerFilter(value = ".*", patternStyle = FilterPatternStyle.REGEX)
public class RateLimitFilter implements Ordered {

    /** The attribute of a token's {@link Authentication} that holds its own {@link RateLimit}. */
    public static final String TOKEN_LIMIT_ATTRIBUTE = "sessiongrid.rate-limit";

    private final RateLimiter limiter;
    private final Problems problems;
    private final RejectionMetrics rejections;

    public RateLimitFilter(RateLimiter limiter, Problems problems, RejectionMetrics rejections) {
        this.limiter = limiter;
        this.problems = problems;
        this.rejections = rejections;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> limit(HttpRequest<?> request) {
        String app = RouteApp.of(request).orElse(null);
        Authentication token = request.getUserPrincipal(Authentication.class).orElse(null);
        String tokenName = token == null ? null : token.getName();
        RateLimit tokenLimit = token == null ? null
                : token.getAttributes().get(TOKEN_LIMIT_ATTRIBUTE) instanceof RateLimit own ? own : null;
        return limiter.acquire(app, tokenName, tokenLimit)
                .map(refusal -> {
                    rejections.rejected(app, RejectionMetrics.Reason.RATE);
                    return problems.response(refusal.problem());
                })
                .orElse(null);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
