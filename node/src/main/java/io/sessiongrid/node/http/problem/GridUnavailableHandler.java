package io.sessiongrid.node.http.problem;

import com.hazelcast.core.HazelcastException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A grid failure (timeout, member leaving, partition moving) is the node's trouble, not the caller's: 503. */
@Produces
@Singleton
public class GridUnavailableHandler implements ExceptionHandler<HazelcastException, HttpResponse<byte[]>> {

    private static final Logger LOG = LoggerFactory.getLogger(GridUnavailableHandler.class);

    private final Problems problems;

    public GridUnavailableHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<byte[]> handle(HttpRequest request, HazelcastException error) {
        LOG.warn("Grid call failed for {} {}: {}", request.getMethod(), request.getPath(), error.toString());
        return problems.response(ProblemType.UNAVAILABLE, "The grid could not complete the call; retry shortly");
    }
}
