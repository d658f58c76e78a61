package io.sessiongrid.node.http.hot;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.server.HttpServerConfiguration;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.sessiongrid.node.cluster.PauseFence;
import io.sessiongrid.node.cluster.PauseFenceFilter;
import io.sessiongrid.node.http.ApiResponses;
import io.sessiongrid.node.http.SessionRequests;
import io.sessiongrid.node.http.json.SessionJson;
import io.sessiongrid.node.http.problem.ErrorProblems;
import io.sessiongrid.node.http.problem.Problem;
import io.sessiongrid.node.http.problem.Problems;
import io.sessiongrid.node.metrics.HotRouteMetrics;
import io.sessiongrid.node.metrics.RejectionMetrics;
import io.sessiongrid.node.ratelimit.RateLimitRefusal;
import io.sessiongrid.node.ratelimit.RateLimiter;
import io.sessiongrid.node.security.AppRouteAccess;
import io.micronaut.scheduling.TaskExecutors;
import io.sessiongrid.node.session.AppendResult;
import io.sessiongrid.node.session.Session;
import io.sessiongrid.node.session.event.StateJson;
import jakarta.inject.Named;
import io.sessiongrid.node.session.SessionService;
import jakarta.inject.Singleton;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Serves the hot routes, create, append and read, from Netty's request objects, below Micronaut's router,
 * filter chain and response pipeline (a quarter of an append's CPU and most of its garbage). Each answer
 * is the one the controller gives, decided by the same parts in the same order: the pause fence, access
 * control ({@link AppRouteAccess}), the rate limit, the engine, the problem mapping ({@link ErrorProblems}).
 * A request with anything unusual (another content type, a content or accepted encoding, {@code Expect},
 * HTTP/1.0, an id that needs decoding, an append or get in an app this member has not served yet) goes
 * to Micronaut instead.
 */
@Singleton
public class HotRoutes {

    /** {@code sessiongrid.http.hot-routes}: false serves every route through Micronaut. */
    public static final String ENABLED = "sessiongrid.http.hot-routes";

    /** The per-connection handler's name in the pipeline. */
    public static final String HANDLER_NAME = HotRouteHandler.NAME;

    private static final String JSON = "application/json";

    private final boolean enabled;
    private final long maxRequestBytes;
    private final SessionService sessions;
    private final PauseFence fence;
    private final AppRouteAccess access;
    private final RateLimiter limiter;
    private final RejectionMetrics rejections;
    private final ErrorProblems errors;
    private final Problems problems;
    private final HotRouteMetrics metrics;
    private final StateJson json;
    private final Executor blocking;

    public HotRoutes(@Value("${" + ENABLED + ":true}") boolean enabled, HttpServerConfiguration server,
                     SessionService sessions, PauseFence fence, AppRouteAccess access, RateLimiter limiter,
                     RejectionMetrics rejections, ErrorProblems errors, Problems problems,
                     HotRouteMetrics metrics, StateJson json, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.enabled = enabled;
        this.maxRequestBytes = server.getMaxRequestSize();
        this.sessions = sessions;
        this.fence = fence;
        this.access = access;
        this.limiter = limiter;
        this.rejections = rejections;
        this.errors = errors;
        this.problems = problems;
        this.metrics = metrics;
        this.json = json;
        this.blocking = blocking;
    }

    /** The handler for one connection's pipeline, or empty when hot routes are off. */
    public Optional<ChannelHandler> handler() {
        return enabled ? Optional.of(new HotRouteHandler(this)) : Optional.empty();
    }

    /**
     * The call this request head starts, or null when Micronaut should serve the request.
     *
     * @param behindMicronaut Micronaut still owes an answer on the connection, which must go first
     */
    HotCall recognize(HttpRequest request, boolean behindMicronaut) {
        if (!request.decoderResult().isSuccess()) {
            return null;
        }
        HotRoute route = HotRoute.recognize(request.method().name(), request.uri());
        if (route == null) {
            return null;
        }
        HotCall call;
        try {
            call = behindMicronaut || request.protocolVersion() != HttpVersion.HTTP_1_1 ? null : call(route, request);
        } catch (RuntimeException e) {
            call = null; // e.g. the member is shutting down: Micronaut answers it as it answers the rest
        }
        metrics.served(switch (route.kind()) {
            case CREATE -> HotRouteMetrics.Route.CREATE;
            case APPEND -> HotRouteMetrics.Route.APPEND;
            case GET -> HotRouteMetrics.Route.GET;
        }, call != null);
        return call;
    }

    private HotCall call(HotRoute route, HttpRequest request) {
        HttpHeaders headers = request.headers();
        if (headers.contains(HttpHeaderNames.EXPECT) || headers.contains(HttpHeaderNames.CONTENT_ENCODING)
                || headers.contains(HttpHeaderNames.TRANSFER_ENCODING) || headers.contains(HttpHeaderNames.UPGRADE)
                || !identityOnly(headers.get(HttpHeaderNames.ACCEPT_ENCODING))
                || !acceptsJson(headers.get(HttpHeaderNames.ACCEPT))) {
            return null;
        }
        long length = contentLength(headers.get(HttpHeaderNames.CONTENT_LENGTH));
        boolean withBody = route.kind() != HotRoute.Kind.GET;
        if (withBody ? length < 1 || length > maxRequestBytes || !isJson(headers.get(HttpHeaderNames.CONTENT_TYPE)) : length != 0) {
            return null;
        }
        if (route.kind() != HotRoute.Kind.CREATE && !sessions.ready(route.app())) {
            // The first call for an app on this member adds its map configs, which waits (a create
            // that must wait goes to the blocking pool by itself).
            return null;
        }
        return new HotCall(route, request.method().name(), HotRoute.pathOf(request.uri()), HttpUtil.isKeepAlive(request),
                headers.get(HttpHeaderNames.AUTHORIZATION), headers.get(HttpHeaderNames.IF_MATCH),
                (int) Math.max(0, length), fence.now());
    }

    /**
     * Serves a complete call; {@code answer} receives the response on {@code loop} (the connection's event
     * loop, where the engine's last step runs too).
     */
    void serve(HotCall call, byte[] body, Executor loop, Consumer<FullHttpResponse> answer) {
        AtomicBoolean answered = new AtomicBoolean();
        Consumer<FullHttpResponse> once = response -> {
            if (answered.compareAndSet(false, true)) {
                answer.accept(response);
            } else {
                response.release();
            }
        };
        try {
            start(call, body, loop, once);
        } catch (RuntimeException | Error e) {
            if (!answered.get()) {
                once.accept(problem(errors.of(e, call.method, call.path), null));
            }
        }
    }

    private void start(HotCall call, byte[] body, Executor loop, Consumer<FullHttpResponse> answer) {
        long began = call.began;
        if (!fence.allows(began)) {
            answer.accept(problem(PauseFenceFilter.PAUSED, null));
            return;
        }
        HotRoute route = call.route;
        AppRouteAccess.Verdict verdict = access.check(call.authorization, route.app(), route.kind() == HotRoute.Kind.GET);
        if (!verdict.allowed()) {
            answer.accept(problem(verdict.refusal(), verdict.challenge()));
            return;
        }
        var token = verdict.token();
        Optional<RateLimitRefusal> refusal = limiter.acquire(route.app(), token == null ? null : token.name(),
                token == null ? null : token.rateLimit());
        if (refusal.isPresent()) {
            rejections.rejected(route.app(), RejectionMetrics.Reason.RATE);
            answer.accept(problem(refusal.get().problem(), null));
            return;
        }
        CompletableFuture<FullHttpResponse> response;
        try {
            response = switch (route.kind()) {
                case CREATE -> {
                    SessionRequests.NewSession request = SessionRequests.NewSession.parse(json, body);
                    yield sessions.createAsync(route.app(), route.userId(), request.sessionId(), request.state(),
                            request.expiry(), request.workerId(), loop, blocking).thenApply(HotRoutes::created);
                }
                case APPEND -> sessions.appendAsync(route.app(), route.userId(), route.sessionId(), body,
                        ApiResponses.expectedVersion(call.ifMatch), loop).thenApply(HotRoutes::appended);
                case GET -> sessions.getAsync(route.app(), route.userId(), route.sessionId(),
                                SessionRequests.window(route.numRecentEvents(), route.afterTimestamp()), loop)
                        .thenApply(session -> json(HttpResponseStatus.OK, SessionJson.sessionBuffer(session), session.version()));
            };
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        response.whenComplete((ok, failure) -> {
            FullHttpResponse out;
            if (!fence.allows(began)) {
                if (ok != null) {
                    ok.release();
                }
                out = problem(PauseFenceFilter.PAUSED, null);
            } else {
                out = failure == null ? ok : problem(errors.of(failure, call.method, call.path), null);
            }
            answer.accept(out);
        });
    }

    private static FullHttpResponse created(Session session) {
        FullHttpResponse response = json(HttpResponseStatus.CREATED, SessionJson.sessionBuffer(session), session.version());
        response.headers().set(HttpHeaderNames.LOCATION, ApiResponses.location(session.key()));
        return response;
    }

    private static FullHttpResponse appended(AppendResult result) {
        FullHttpResponse response = json(HttpResponseStatus.OK, result.event(), -1);
        ApiResponses.appendHeaders(result, response.headers()::set);
        return response;
    }

    /** A JSON answer; {@code version} < 0 sends no ETag. */
    private static FullHttpResponse json(HttpResponseStatus status, byte[] body, long version) {
        return json(status, ByteBuffer.wrap(body), version);
    }

    private static FullHttpResponse json(HttpResponseStatus status, ByteBuffer body, long version) {
        FullHttpResponse response = response(status, JSON, body);
        if (version >= 0) {
            response.headers().set(HttpHeaderNames.ETAG, ApiResponses.etag(version));
        }
        return response;
    }

    private FullHttpResponse problem(Problem problem, String challenge) {
        FullHttpResponse response = response(HttpResponseStatus.valueOf(problem.type().status()), Problems.MEDIA_TYPE,
                problems.body(problem));
        if (problem.retryAfterSeconds() > 0) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, Long.toString(problem.retryAfterSeconds()));
        }
        if (challenge != null) {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, challenge);
        }
        return response;
    }

    private static FullHttpResponse response(HttpResponseStatus status, String contentType, byte[] body) {
        return response(status, contentType, ByteBuffer.wrap(body));
    }

    private static FullHttpResponse response(HttpResponseStatus status, String contentType, ByteBuffer body) {
        int length = body.remaining();
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, length);
        return response;
    }

    /** {@code application/json}, with parameters or not, as the controller's {@code @Consumes} takes it. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return type.equalsIgnoreCase(JSON);
    }

    /**
     * No Accept-Encoding, or only {@code identity}: Micronaut compresses a larger answer for a client that
     * takes gzip or another coding, so such a request is its to serve.
     */
    static boolean identityOnly(String acceptEncoding) {
        return acceptEncoding == null || acceptEncoding.isBlank() || acceptEncoding.trim().equalsIgnoreCase("identity");
    }

    /**
     * No Accept, or one that lists JSON plainly (without parameters: q-values are Micronaut's to judge),
     * such as the SDK's {@code application/json, application/problem+json}.
     */
    static boolean acceptsJson(String accept) {
        if (accept == null) {
            return true;
        }
        for (String item : accept.split(",")) {
            String type = item.trim().toLowerCase(Locale.ROOT);
            if (type.equals(JSON) || type.equals("*/*") || type.equals("application/*")) {
                return true;
            }
        }
        return false;
    }

    private static long contentLength(String value) {
        if (value == null) {
            return 0;
        }
        if (value.isEmpty() || value.length() > 18) {
            return -1;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(value);
    }
}
