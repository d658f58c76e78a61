package io.sessiongrid.node.cluster;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.core.annotation.Nullable;
import io.sessiongrid.node.http.problem.Problem;
import io.sessiongrid.node.http.problem.ProblemType;
import io.sessiongrid.node.http.problem.Problems;

/**
 * Answers API requests 503 around a pause of this process ({@link PauseFence}): one that arrives during
 * the pause or just after it, and one that was under way across it, whatever it did meanwhile (a 503
 * leaves the outcome open, so the SDK repeats only calls that are safe to repeat). Health endpoints are
 * not fenced.
 */
// Regex style: matched with a cached Pattern, where the Ant style tokenizes on every request.
@ServerFilter(value = "/v1/.*", patternStyle = FilterPatternStyle.REGEX)
public class PauseFenceFilter implements Ordered {

    private static final String BEGAN = PauseFenceFilter.class.getName() + ".began";
    /** The answer to a request the fence stops; the hot routes, served below Micronaut, give it too. */
    public static final Problem PAUSED = new Problem(ProblemType.UNAVAILABLE, "This node was paused and may have left the cluster meanwhile; the"
            + " outcome is unknown, retry on another node");

    private final PauseFence fence;
    private final Problems problems;

    public PauseFenceFilter(PauseFence fence, Problems problems) {
        this.fence = fence;
        this.problems = problems;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> admit(HttpRequest<?> request) {
        long began = fence.now();
        if (!fence.allows(began)) {
            return problems.response(PAUSED);
        }
        request.setAttribute(BEGAN, began);
        return null;
    }

    @ResponseFilter
    public HttpResponse<?> answer(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Long began = request.getAttribute(BEGAN, Long.class).orElse(null);
        return began == null || fence.allows(began) ? response : problems.response(PAUSED);
    }

    @Override
    public int getOrder() {
        // First in, last out: the answer it checks is the final one.
        return ServerFilterPhase.FIRST.order();
    }
}
