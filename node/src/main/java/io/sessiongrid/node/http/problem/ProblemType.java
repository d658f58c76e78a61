package io.sessiongrid.node.http.problem;

import java.net.URI;

/** The stable problem types of the API (RFC 9457 {@code type}), each with its status and title. */
public enum ProblemType {
    MALFORMED_JSON("malformed-json", 400, "Malformed JSON"),
    INVALID_REQUEST("invalid-request", 400, "Invalid request"),
    INVALID_ID("invalid-id", 400, "Invalid id"),
    /** A body that does not decode as its Content-Encoding says (broken gzip or deflate). */
    INVALID_CONTENT_ENCODING("invalid-content-encoding", 400, "Body does not match its Content-Encoding"),
    /** No API token, or one the node does not know; WWW-Authenticate says how to authenticate. */
    UNAUTHORIZED("unauthorized", 401, "Unauthorized"),
    /** A valid token outside its apps or scopes; said before anything is looked up, so it reveals nothing. */
    FORBIDDEN("forbidden", 403, "Forbidden"),
    SESSION_NOT_FOUND("session-not-found", 404, "Session not found"),
    NOT_FOUND("not-found", 404, "Not found"),
    APP_NOT_FOUND("app-not-found", 404, "App not configured"),
    ROUTE_NOT_FOUND("route-not-found", 404, "Route not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    /** Any other 4xx the HTTP layer produces (406, 408...); the body's status is the real one. */
    REQUEST_REJECTED("request-rejected", 400, "Request rejected"),
    SESSION_EXISTS("session-exists", 409, "Session already exists"),
    USER_SESSION_LIMIT("user-session-limit", 409, "User session limit reached"),
    ROUTE_CONFLICT("route-conflict", 409, "Route belongs to another session"),
    /** A create of a new app while the cluster holds sessiongrid.limits.max-apps apps; nothing changed. */
    APP_LIMIT("app-limit", 409, "App limit reached"),
    VERSION_MISMATCH("version-mismatch", 412, "Version mismatch"),
    /** A session, event or log over one of its app's limits; the body names the limit and the size. */
    POLICY_VIOLATION("policy-violation", 413, "Policy limit exceeded"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Payload too large"),
    /** A request line (method, path and query) over {@code micronaut.server.netty.max-initial-line-length}. */
    URI_TOO_LONG("uri-too-long", 414, "URI too long"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    /** Headers over {@code micronaut.server.netty.max-header-size}. */
    HEADERS_TOO_LARGE("headers-too-large", 431, "Request headers too large"),
    /** Over an app's or a token's rate limit; nothing was done. Retry-After says when to retry. */
    RATE_LIMITED("rate-limited", 429, "Too many requests"),
    UNAVAILABLE("unavailable", 503, "Service unavailable"),
    /** A durable app's write or load needed the store, which failed; nothing changed. Retry-After says when to retry. */
    STORE_UNAVAILABLE("store-unavailable", 503, "Session store unavailable"),
    /** Too many write-behind changes wait for the store; nothing changed. Retry-After says when to retry. */
    STORE_BACKLOG("store-backlog", 503, "Session store backlog full"),
    /** The node holds as many connections as it may; this one was accepted for health probes only. */
    CONNECTION_LIMIT("connection-limit", 503, "Connection limit reached"),
    /** A member's heap after GC is above its high-water mark: writes wait. Retry-After says when to retry. */
    MEMORY_PRESSURE("memory-pressure", 503, "Grid short of memory"),
    INTERNAL("internal", 500, "Internal error");

    public static final String BASE = "https://sessiongrid.io/problems/";

    private final URI type;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.type = URI.create(BASE + slug);
        this.status = status;
        this.title = title;
    }

    public URI type() {
        return type;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The type Micronaut's own errors (routing, binding, limits) get, by status. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 431 -> HEADERS_TOO_LARGE;
            case 503 -> UNAVAILABLE;
            default -> status >= 400 && status < 500 ? REQUEST_REJECTED : INTERNAL;
        };
    }
}
