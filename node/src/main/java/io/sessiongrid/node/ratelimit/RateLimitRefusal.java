package io.sessiongrid.node.ratelimit;

import io.sessiongrid.node.http.problem.Problem;
import io.sessiongrid.node.http.problem.ProblemType;

import java.util.Map;

/**
 * Why a request was refused for its rate.
 *
 * @param subject           {@code app} or {@code token}: whose bucket was empty
 * @param name              the app's or the token's name
 * @param limit             that bucket's limit
 * @param retryAfterSeconds whole seconds until the bucket holds a request again (at least 1)
 */
public record RateLimitRefusal(String subject, String name, RateLimit limit, long retryAfterSeconds) {

    public String detail() {
        return "The " + subject + " '" + name + "' is over its rate limit of " + limit.requestsPerSecond()
                + " requests per second (burst " + limit.burst() + ") on this node; retry after "
                + retryAfterSeconds + (retryAfterSeconds == 1 ? " second" : " seconds");
    }

    /** The 429 it answers, with {@code Retry-After} and whose bucket ran dry. */
    public Problem problem() {
        return new Problem(ProblemType.RATE_LIMITED, detail(), Map.of("limit", subject), retryAfterSeconds);
    }
}
