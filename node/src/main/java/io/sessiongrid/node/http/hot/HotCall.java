package io.sessiongrid.node.http.hot;

import io.micronaut.core.annotation.Nullable;
import io.netty.buffer.ByteBuf;

/**
 * One hot request while its body arrives: the route, the headers it needs, and the body copied once into
 * an array of its declared length (the engine keeps the bytes as received).
 */
final class HotCall {

    private static final byte[] EMPTY = new byte[0];

    final HotRoute route;
    final String method;
    final String path;
    final boolean keepAlive;
    final @Nullable String authorization;
    final @Nullable String ifMatch;
    private final byte[] body;
    private int filled;

    HotCall(HotRoute route, String method, String path, boolean keepAlive, @Nullable String authorization,
            @Nullable String ifMatch, int contentLength) {
        this.route = route;
        this.method = method;
        this.path = path;
        this.keepAlive = keepAlive;
        this.authorization = authorization;
        this.ifMatch = ifMatch;
        this.body = contentLength == 0 ? EMPTY : new byte[contentLength];
    }

    /** Copies a chunk of the body; false when it is more than the declared length. */
    boolean take(ByteBuf chunk) {
        int length = chunk.readableBytes();
        if (length > body.length - filled) {
            return false;
        }
        chunk.readBytes(body, filled, length);
        filled += length;
        return true;
    }

    /** The whole body, once the last chunk came; null when it fell short of the declared length. */
    @Nullable byte[] body() {
        return filled == body.length ? body : null;
    }
}
