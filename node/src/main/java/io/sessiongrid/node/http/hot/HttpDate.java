package io.sessiongrid.node.http.hot;

import io.netty.handler.codec.DateFormatter;

import java.util.Date;

/** The {@code Date} header (RFC 9110), formatted once per second rather than once per answer. */
final class HttpDate {

    private record Stamp(long second, String text) {
    }

    private static volatile Stamp current = new Stamp(-1, "");

    private HttpDate() {
    }

    static String now() {
        long millis = System.currentTimeMillis();
        long second = millis / 1000;
        Stamp stamp = current;
        if (stamp.second != second) {
            stamp = new Stamp(second, DateFormatter.format(new Date(second * 1000)));
            current = stamp;
        }
        return stamp.text;
    }
}
