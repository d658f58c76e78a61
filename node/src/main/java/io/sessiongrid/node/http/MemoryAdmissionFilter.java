package io.sessiongrid.node.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.sessiongrid.node.http.problem.ProblemType;
import io.sessiongrid.node.http.problem.Problems;
import io.sessiongrid.node.memory.MemoryPressure;

/**
 * Refuses writes (POST, PUT, PATCH of the API) with 503 {@code memory-pressure} and
 * {@code Retry-After} while a member's heap after GC is above its high-water mark, before the body is
 * bound. Reads and deletes pass: they are what frees the heap.
 */
@ServerFilter("/v1/**")
public class MemoryAdmissionFilter implements Ordered {

    private static final String RETRY_AFTER_SECONDS = "5";

    private final MemoryPressure pressure;
    private final Problems problems;

    public MemoryAdmissionFilter(MemoryPressure pressure, Problems problems) {
        this.pressure = pressure;
        this.problems = problems;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> admit(HttpRequest<?> request) {
        HttpMethod method = request.getMethod();
        if (!pressure.writesRefused() || method == HttpMethod.GET || method == HttpMethod.DELETE || method == HttpMethod.HEAD) {
            return null;
        }
        pressure.refused();
        return problems.response(ProblemType.MEMORY_PRESSURE, "A member of the grid is short of heap"
                        + " (sessiongrid.memory.high-water): writes are refused until it has room again; nothing changed")
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }

    @Override
    public int getOrder() {
        // After access control and rate limits: a stranger learns nothing of the grid's memory.
        return ServerFilterPhase.SECURITY.after() + 10;
    }
}
