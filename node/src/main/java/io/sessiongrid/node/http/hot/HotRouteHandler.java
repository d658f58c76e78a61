package io.sessiongrid.node.http.hot;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;

/**
 * One HTTP/1.1 connection's hot routes, just in front of Micronaut's handler. A request the hot routes
 * serve is read, answered and never seen by Micronaut; any other goes on to Micronaut untouched.
 * Answers leave in the order requests came (HTTP/1.1 pipelining): a hot request is taken only when
 * Micronaut has no answer pending on the connection, and while a hot answer is pending whatever arrives
 * next waits here (and, once something waits, so do Micronaut's reads), as does Micronaut's close
 * (graceful shutdown closes a connection that looks idle to it: it must wait for the hot request). Reads
 * also stop while the connection is not writable, so a client that does not read its answers cannot
 * pile them up. All on the connection's event loop.
 */
final class HotRouteHandler extends ChannelDuplexHandler {

    static final String NAME = "sessiongrid-hot-routes";

    private final HotRoutes routes;
    /** Requests handed to Micronaut whose answer has not been written to its end. */
    private int micronautPending;
    /** The hot request whose body is arriving, or null. */
    private HotCall reading;
    /** A hot request is being served; later messages wait in {@link #held}. */
    private boolean answering;
    private final ArrayDeque<Object> held = new ArrayDeque<>(2);
    private boolean readHeld;
    private ChannelPromise closeHeld;

    HotRouteHandler(HotRoutes routes) {
        this.routes = routes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (answering || !held.isEmpty()) {
            held.add(msg);
            return;
        }
        route(ctx, msg);
    }

    private void route(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            HotCall call = routes.recognize(request, micronautPending > 0);
            if (call == null) {
                micronautPending++;
                ctx.fireChannelRead(msg);
                return;
            }
            reading = call;
        } else if (reading == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (msg instanceof HttpContent content) {
            boolean whole = content.decoderResult().isSuccess() && reading.take(content.content());
            content.release();
            if (!whole) {
                reading = null;
                ctx.close(); // a body that breaks its own framing: nothing sensible can be answered
                return;
            }
            if (content instanceof LastHttpContent) {
                serve(ctx);
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void serve(ChannelHandlerContext ctx) {
        HotCall call = reading;
        reading = null;
        byte[] body = call.body();
        if (body == null) {
            ctx.close();
            return;
        }
        answering = true;
        routes.serve(call, body, ctx.executor(), response -> {
            if (ctx.executor().inEventLoop()) {
                answered(ctx, call, response);
            } else {
                ctx.executor().execute(() -> answered(ctx, call, response));
            }
        });
    }

    private void answered(ChannelHandlerContext ctx, HotCall call, FullHttpResponse response) {
        answering = false;
        if (!ctx.channel().isActive()) {
            response.release();
            return;
        }
        // A close Micronaut asked for meanwhile (graceful shutdown) goes out with this answer.
        if (!call.keepAlive || closeHeld != null) {
            ChannelPromise close = closeHeld != null ? closeHeld : ctx.newPromise();
            closeHeld = null;
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener((ChannelFutureListener) written -> ctx.close(close));
            releaseHeld();
            return;
        }
        ctx.writeAndFlush(response);
        if (!held.isEmpty()) {
            while (!answering && !held.isEmpty()) {
                route(ctx, held.poll());
            }
            ctx.fireChannelReadComplete();
        }
        if (!answering && readHeld && ctx.channel().isWritable()) {
            readHeld = false;
            ctx.read();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        // Micronaut's writes only (this handler's own start at the next handler): count its finished answers.
        if (msg instanceof LastHttpContent && !(msg instanceof HttpResponse head
                && head.status().codeClass() == HttpStatusClass.INFORMATIONAL) && micronautPending > 0) {
            micronautPending--;
        }
        ctx.write(msg, promise);
    }

    /**
     * Lets Micronaut's reads through unless messages already wait behind a hot answer (a pipelining
     * client): then reading stops until they are served. Holding every read while an answer is pending
     * would take the socket out of the selector and put it back (two system calls) for each request.
     */
    @Override
    public void read(ChannelHandlerContext ctx) {
        if (answering && !held.isEmpty() || !ctx.channel().isWritable()) {
            // Also a client that sends and does not read its answers: they pile up in the outbound
            // buffer (Micronaut's answers wait for writability; hot ones are written at once).
            readHeld = true;
            return;
        }
        ctx.read();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && readHeld && !(answering && !held.isEmpty())) {
            readHeld = false;
            ctx.read();
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** A close while a hot request is read or answered waits for its answer; Micronaut thinks it idle. */
    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if ((answering || reading != null) && ctx.channel().isActive()) {
            if (closeHeld == null) {
                closeHeld = promise;
            } else {
                closeHeld.addListener(closed -> {
                    if (closed.isSuccess()) {
                        promise.trySuccess();
                    } else {
                        promise.tryFailure(closed.cause());
                    }
                });
            }
            return;
        }
        ctx.close(promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseHeld();
        reading = null;
        if (closeHeld != null) {
            ctx.close(closeHeld);
            closeHeld = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseHeld();
    }

    private void releaseHeld() {
        Object msg;
        while ((msg = held.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}
