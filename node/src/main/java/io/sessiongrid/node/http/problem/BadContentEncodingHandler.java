package io.sessiongrid.node.http.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.netty.handler.codec.compression.DecompressionException;
import jakarta.inject.Singleton;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * A body that does not inflate as its {@code Content-Encoding} says (Micronaut decompresses gzip and
 * deflate before routing) is the caller's mistake: 400, not a 500 with a stack trace, and one throttled
 * log line, since a client can send such bodies as fast as it likes. A body that inflates past
 * {@code max-request-bytes} is refused by the server's own limit (413) as it inflates.
 */
@Produces
@Singleton
public class BadContentEncodingHandler implements ExceptionHandler<DecompressionException, HttpResponse<byte[]>> {

    static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    private final Problems problems;
    private final ThrottledLog log = new ThrottledLog(LoggerFactory.getLogger(BadContentEncodingHandler.class), LOG_INTERVAL);

    public BadContentEncodingHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<byte[]> handle(HttpRequest request, DecompressionException error) {
        log.warn("Refused " + request.getMethod() + " " + request.getPath() + " with 400: its body does not decode"
                + " as its Content-Encoding says (" + error.getMessage() + ")");
        return problems.response(ProblemType.INVALID_CONTENT_ENCODING,
                "The body does not decode as its Content-Encoding says: " + error.getMessage());
    }
}
