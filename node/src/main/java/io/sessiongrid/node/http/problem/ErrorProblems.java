package io.sessiongrid.node.http.problem;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.spi.exception.RetryableException;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import io.micronaut.context.annotation.Value;
import io.sessiongrid.node.memory.OutOfMemoryExit;
import io.sessiongrid.node.session.PolicyViolationError;
import io.sessiongrid.node.session.SessionGridError;
import io.sessiongrid.node.session.VersionMismatchError;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The problem each failure of a request becomes: the engine's refusals by their kind, a transient grid
 * failure 503 (retry), a stopping member 503, anything else 500 with its stack trace logged and no
 * exception text in the answer.
 */
@Singleton
public class ErrorProblems {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorProblems.class);

    private final long retryAfterSeconds;

    public ErrorProblems(@Value("${sessiongrid.store.retry-after:5s}") Duration retryAfter) {
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
    }

    /** Any failure of the request {@code method path}, wrapped in a future's exception or not. */
    public Problem of(Throwable failure, String method, String path) {
        Throwable error = unwrap(failure);
        OutOfMemoryExit.haltIfOutOfMemory(error);
        if (error instanceof SessionGridError refusal) {
            return refusal(refusal);
        }
        if (error instanceof HazelcastInstanceNotActiveException) {
            return stopping();
        }
        if (error instanceof HazelcastException grid) {
            return grid(grid, method, path);
        }
        LOG.error("Failed to handle {} {}", method, path, error);
        return internal(method, path);
    }

    public Problem refusal(SessionGridError error) {
        ProblemType type = switch (error.kind()) {
            case SESSION_NOT_FOUND -> ProblemType.SESSION_NOT_FOUND;
            case SESSION_EXISTS -> ProblemType.SESSION_EXISTS;
            case VERSION_MISMATCH -> ProblemType.VERSION_MISMATCH;
            case MALFORMED_JSON -> ProblemType.MALFORMED_JSON;
            case INVALID_REQUEST -> ProblemType.INVALID_REQUEST;
            case INVALID_ID -> ProblemType.INVALID_ID;
            case APP_NOT_FOUND -> ProblemType.APP_NOT_FOUND;
            case POLICY_VIOLATION -> ProblemType.POLICY_VIOLATION;
            case USER_SESSION_LIMIT -> ProblemType.USER_SESSION_LIMIT;
            case BUSY -> ProblemType.UNAVAILABLE;
            case ROUTE_NOT_FOUND -> ProblemType.ROUTE_NOT_FOUND;
            case ROUTE_CONFLICT -> ProblemType.ROUTE_CONFLICT;
            case STORE_UNAVAILABLE -> ProblemType.STORE_UNAVAILABLE;
            case STORE_BACKLOG -> ProblemType.STORE_BACKLOG;
            case APP_LIMIT -> ProblemType.APP_LIMIT;
            case MEMORY_PRESSURE -> ProblemType.MEMORY_PRESSURE;
        };
        Map<String, Object> extensions = Map.of();
        if (error instanceof VersionMismatchError mismatch) {
            extensions = Map.of("currentVersion", mismatch.currentVersion());
        } else if (error instanceof PolicyViolationError violation) {
            extensions = new LinkedHashMap<>();
            extensions.put("limit", violation.limit());
            extensions.put("maximum", violation.maximum());
            extensions.put("size", violation.size());
        }
        boolean retry = type == ProblemType.STORE_UNAVAILABLE || type == ProblemType.STORE_BACKLOG
                || type == ProblemType.MEMORY_PRESSURE;
        return new Problem(type, error.getMessage(), extensions, retry ? retryAfterSeconds : 0);
    }

    /** The embedded member is shutting down: a client goes to another node. */
    public Problem stopping() {
        return new Problem(ProblemType.UNAVAILABLE, "This node is shutting down; use another node");
    }

    /**
     * A transient grid failure (timeout, member leaving, partition moving) is the node's trouble, not the
     * caller's: 503, retry. Any other grid failure is a defect: 500, logged with its stack trace.
     */
    public Problem grid(HazelcastException error, String method, String path) {
        if (error instanceof SplitBrainProtectionException) {
            LOG.warn("Write refused for {} {}: this side of the cluster is below the write quorum", method, path);
            return new Problem(ProblemType.UNAVAILABLE, "This node's side of the cluster has too few members"
                    + " to accept writes (sessiongrid.cluster.write-quorum); retry on another node or later");
        }
        if (error instanceof RetryableException || error instanceof OperationTimeoutException) {
            LOG.warn("Grid call failed for {} {}: {}", method, path, error.toString());
            return new Problem(ProblemType.UNAVAILABLE, "The grid could not complete the call; retry shortly");
        }
        LOG.error("Grid call failed for {} {}", method, path, error);
        return internal(method, path);
    }

    public static Problem internal(String method, String path) {
        return new Problem(ProblemType.INTERNAL, "The node failed to handle " + method + " " + path);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
