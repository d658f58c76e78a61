package io.sessiongrid.node.http.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

import java.util.Map;

/** Writes RFC 9457 {@code application/problem+json} responses. */
@Singleton
public class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private final ObjectMapper mapper = new ObjectMapper();

    public MutableHttpResponse<byte[]> response(ProblemType type, String detail) {
        return response(type, detail, Map.of());
    }

    public MutableHttpResponse<byte[]> response(ProblemType type, String detail, Map<String, Object> extensions) {
        return HttpResponse.<byte[]>status(HttpStatus.valueOf(type.status()))
                .contentType(MEDIA_TYPE)
                .body(body(type, type.status(), detail, extensions));
    }

    /** A problem decided elsewhere ({@link ErrorProblems}), with its {@code Retry-After}. */
    public MutableHttpResponse<byte[]> response(Problem problem) {
        MutableHttpResponse<byte[]> response = response(problem.type(), problem.detail(), problem.extensions());
        if (problem.retryAfterSeconds() > 0) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(problem.retryAfterSeconds()));
        }
        return response;
    }

    /** Fills a response Micronaut already built (its status stays) with a problem body. */
    public MutableHttpResponse<byte[]> fill(MutableHttpResponse<?> base, ProblemType type, String detail) {
        base.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
        return base.contentType(MEDIA_TYPE).body(body(type, base.getStatus().getCode(), detail, Map.of()));
    }

    /** The problem body alone, for answers written below Micronaut (at the Netty level). */
    public byte[] body(ProblemType type, String detail) {
        return body(type, type.status(), detail, Map.of());
    }

    /** A problem's body alone, for answers written below Micronaut. */
    public byte[] body(Problem problem) {
        return body(problem.type(), problem.type().status(), problem.detail(), problem.extensions());
    }

    private byte[] body(ProblemType type, int status, String detail, Map<String, Object> extensions) {
        ObjectNode node = mapper.createObjectNode();
        node.put("type", type.type().toString());
        node.put("title", type.title());
        node.put("status", status);
        node.put("detail", detail);
        extensions.forEach((k, v) -> node.set(k, mapper.valueToTree(v)));
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
