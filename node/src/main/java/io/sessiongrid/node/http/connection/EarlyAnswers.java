package io.sessiongrid.node.http.connection;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.sessiongrid.node.http.problem.ProblemType;
import io.sessiongrid.node.http.problem.Problems;

/** Problem answers written below Micronaut, each the connection's last: it closes once the answer is sent. */
final class EarlyAnswers {

    /** Retry-After of a 503 connection-limit: connections free up as others close. */
    static final String CONNECTION_LIMIT_RETRY_AFTER = "1";

    private final Problems problems;

    EarlyAnswers(Problems problems) {
        this.problems = problems;
    }

    void refuse(ChannelHandlerContext ctx, ProblemType type, String detail) {
        byte[] body = problems.body(type, detail);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(type.status()), Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, Problems.MEDIA_TYPE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set(HttpHeaderNames.DATE, HttpDate.now());  // some are written in front of DateHeader
        if (type == ProblemType.CONNECTION_LIMIT) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, CONNECTION_LIMIT_RETRY_AFTER);
        }
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
