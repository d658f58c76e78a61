package io.sessiongrid.node.http.connection;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.sessiongrid.node.http.problem.ProblemType;
import io.sessiongrid.node.metrics.ConnectionMetrics;
import io.sessiongrid.node.metrics.ConnectionMetrics.Refusal;

/**
 * Sits behind the HTTP decoder and sees each request head before Micronaut does. It answers, itself
 * and closing the connection, what must be refused before a body is read or a route is looked up: a
 * request line or headers over the decoder's limits (414, 431; Micronaut would say 413), an
 * {@code Expect: 100-continue} whose {@code Content-Length} is over {@code max-request-bytes} (413 instead
 * of inviting the body), and a non-probe request on a connection in the health reserve (503). It also
 * tells the {@link ConnectionGuard} when a request is complete, which ends its deadline.
 */
final class RequestGuard extends ChannelInboundHandlerAdapter {

    static final String NAME = "sessiongrid-request";

    private final ConnectionGuard connection;
    private final EarlyAnswers answers;
    private final ConnectionMetrics metrics;
    private final long maxRequestBytes;
    /** An answer is written and the connection closing: whatever else arrives is dropped. */
    private boolean refused;
    private boolean firstRequest = true;

    RequestGuard(ConnectionGuard connection, EarlyAnswers answers, ConnectionMetrics metrics, long maxRequestBytes) {
        this.connection = connection;
        this.answers = answers;
        this.metrics = metrics;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request && refuse(ctx, request)) {
            refused = true;
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof LastHttpContent) {
            connection.requestComplete();
        }
        ctx.fireChannelRead(msg);
    }

    /** Answers the request itself when it must be refused here; returns whether it did. */
    private boolean refuse(ChannelHandlerContext ctx, HttpRequest request) {
        DecoderResult decoded = request.decoderResult();
        if (decoded.cause() instanceof TooLongHttpLineException) {
            answers.refuse(ctx, ProblemType.URI_TOO_LONG, "The request line is longer than this node accepts");
            return true;
        }
        if (decoded.cause() instanceof TooLongHttpHeaderException) {
            answers.refuse(ctx, ProblemType.HEADERS_TOO_LARGE, "The request headers are larger than this node accepts");
            return true;
        }
        boolean first = firstRequest;
        firstRequest = false;
        if (first && connection.inReserve()) {
            if (!HealthProbes.isProbe(request)) {
                metrics.refused(Refusal.RESERVE);
                answers.refuse(ctx, ProblemType.CONNECTION_LIMIT, "This node holds as many connections as it may;"
                        + " retry shortly or use another node");
                return true;
            }
            connection.probeShown();
            // A reserve place serves one probe: the connection closes after the answer, freeing it.
            HttpUtil.setKeepAlive(request, false);
        }
        if (decoded.isSuccess() && HttpUtil.is100ContinueExpected(request) && contentLength(request) > maxRequestBytes) {
            answers.refuse(ctx, ProblemType.PAYLOAD_TOO_LARGE, "The content length [" + contentLength(request)
                    + "] exceeds the maximum allowed content length [" + maxRequestBytes + "]");
            return true;
        }
        return false;
    }

    private static long contentLength(HttpRequest request) {
        try {
            return HttpUtil.getContentLength(request, -1L);
        } catch (NumberFormatException e) {
            return -1; // Micronaut answers a malformed length
        }
    }
}
