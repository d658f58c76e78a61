package io.sessiongrid.node.http.connection;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Dates every answer in one place, whichever handler wrote it, in IMF-fixdate ({@link HttpDate}).
 * Micronaut's own {@code Date} ({@code micronaut.server.date-header}) is off: it writes a one-digit day
 * on the first nine of a month, which RFC 9110 does not allow and strict clients and caches refuse.
 */
@ChannelHandler.Sharable
final class DateHeader extends ChannelOutboundHandlerAdapter {

    static final String NAME = "sessiongrid-date";
    static final DateHeader INSTANCE = new DateHeader();

    private DateHeader() {
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response && !response.headers().contains(HttpHeaderNames.DATE)) {
            response.headers().set(HttpHeaderNames.DATE, HttpDate.now());
        }
        ctx.write(msg, promise);
    }
}
