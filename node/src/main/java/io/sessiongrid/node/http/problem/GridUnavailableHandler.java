package io.sessiongrid.node.http.problem;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.spi.exception.RetryableException;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transient grid failure (timeout, member leaving, partition moving) is the node's trouble, not the
 * caller's: 503, retry. Any other grid failure is a defect: 500, logged with its stack trace.
 */
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
        if (error instanceof SplitBrainProtectionException) {
            LOG.warn("Write refused for {} {}: this side of the cluster is below the write quorum",
                    request.getMethod(), request.getPath());
            return problems.response(ProblemType.UNAVAILABLE, "This node's side of the cluster has too few members"
                    + " to accept writes (sessiongrid.cluster.write-quorum); retry on another node or later");
        }
        if (error instanceof RetryableException || error instanceof OperationTimeoutException) {
            LOG.warn("Grid call failed for {} {}: {}", request.getMethod(), request.getPath(), error.toString());
            return problems.response(ProblemType.UNAVAILABLE, "The grid could not complete the call; retry shortly");
        }
        LOG.error("Grid call failed for {} {}", request.getMethod(), request.getPath(), error);
        return problems.response(ProblemType.INTERNAL, "The node failed to handle " + request.getMethod() + " "
                + request.getPath());
    }
}
