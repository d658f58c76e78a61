package io.sessiongrid.node.http.hot;

import io.micronaut.core.annotation.Nullable;
import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/**
 * One hot request while its body arrives: the route, the headers it needs, when it began (for the pause
 * fence), and the body copied into an array that grows with the bytes that come, never ahead of them: a
 * declared length alone reserves nothing. A body within {@link #FIRST_CHUNK} lands in an array of its
 * exact size, the one the engine keeps.
 */
final class HotCall {

    static final int FIRST_CHUNK = 16 * 1024;
    private static final byte[] EMPTY = new byte[0];

    final HotRoute route;
    final String method;
    final String path;
    final boolean keepAlive;
    final @Nullable String authorization;
    final @Nullable String ifMatch;
    /** The pause fence's clock when the request's head arrived. */
    final long began;
    private final int contentLength;
    private byte[] body;
    private int filled;

    HotCall(HotRoute route, String method, String path, boolean keepAlive, @Nullable String authorization,
            @Nullable String ifMatch, int contentLength, long began) {
        this.route = route;
        this.method = method;
        this.path = path;
        this.keepAlive = keepAlive;
        this.authorization = authorization;
        this.ifMatch = ifMatch;
        this.contentLength = contentLength;
        this.began = began;
        this.body = contentLength == 0 ? EMPTY : new byte[Math.min(contentLength, FIRST_CHUNK)];
    }

    /** Copies a chunk of the body; false when it is more than the declared length. */
    boolean take(ByteBuf chunk) {
        int length = chunk.readableBytes();
        if (length > contentLength - filled) {
            return false;
        }
        if (length > body.length - filled) {
            body = Arrays.copyOf(body, (int) Math.min(contentLength, Math.max(filled + length, 2L * body.length)));
        }
        chunk.readBytes(body, filled, length);
        filled += length;
        return true;
    }

    /** The whole body, once the last chunk came; null when it fell short of the declared length. */
    @Nullable byte[] body() {
        return filled == contentLength ? body : null;
    }
}
