package io.sessiongrid.node.http.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.sessiongrid.node.metrics.ConnectionMetrics;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * First handler of every connection, on its raw bytes: takes the connection's place among the open ones
 * (or closes it at once) and enforces the request deadline. A request must arrive complete within the
 * timeout of its first byte, and a new connection's first request within the timeout of the accept, however
 * slowly its bytes trickle in (Slowloris); between requests a connection may idle until Micronaut's
 * {@code idle-timeout}. {@link RequestGuard}, behind the HTTP decoder, says when a request is complete.
 * Everything runs on the connection's event loop.
 */
final class ConnectionGuard extends ChannelInboundHandlerAdapter {

    static final String NAME = "sessiongrid-connection";

    private final OpenConnections connections;
    private final ConnectionMetrics metrics;
    private final long timeoutNanos;
    private OpenConnections.Slot slot;
    /** Whether a {@link RequestGuard} reports complete requests (HTTP/1.1); without one there is no deadline. */
    private boolean requestsTracked;
    /** When the request now arriving began (System.nanoTime), or -1 between requests. */
    private long requestStart = -1;
    /** The pending deadline check; one at a time, re-armed only when it finds a request still arriving. */
    private ScheduledFuture<?> check;

    ConnectionGuard(OpenConnections connections, ConnectionMetrics metrics, long timeoutNanos) {
        this.connections = connections;
        this.metrics = metrics;
        this.timeoutNanos = timeoutNanos;
    }

    void trackRequests() {
        requestsTracked = true;
    }

    boolean inReserve() {
        return slot != null && slot.inReserve();
    }

    void probeShown() {
        slot.probeShown();
    }

    /** The request now arriving is complete: no deadline until the next one begins. */
    void requestComplete() {
        requestStart = -1;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        slot = connections.admit(ctx.channel());
        if (slot != null && slot.inReserve() && !requestsTracked) {
            slot.release(); // nothing here can tell a probe (HTTP/2): no reserve
            slot = null;
        }
        if (slot == null) {
            ctx.close();
            return;
        }
        requestBegins(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (requestStart < 0 && msg instanceof ByteBuf bytes && bytes.isReadable()) {
            requestBegins(ctx);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (slot != null) {
            slot.release();
        }
        if (check != null) {
            check.cancel(false);
            check = null;
        }
        ctx.fireChannelInactive();
    }

    private void requestBegins(ChannelHandlerContext ctx) {
        if (!requestsTracked || timeoutNanos == 0) {
            return;
        }
        requestStart = System.nanoTime();
        if (check == null) {
            check = ctx.executor().schedule(() -> checkDeadline(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void checkDeadline(ChannelHandlerContext ctx) {
        check = null;
        if (requestStart < 0 || !ctx.channel().isActive()) {
            return;
        }
        long left = requestStart + timeoutNanos - System.nanoTime();
        if (left > 0) {
            check = ctx.executor().schedule(() -> checkDeadline(ctx), left, TimeUnit.NANOSECONDS);
            return;
        }
        metrics.timedOut();
        ctx.close();
    }
}
