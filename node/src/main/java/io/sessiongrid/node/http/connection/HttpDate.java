package io.sessiongrid.node.http.connection;

import io.netty.handler.codec.DateFormatter;

import java.util.Date;

/**
 * The {@code Date} header in RFC 9110's IMF-fixdate ({@code Tue, 08 Dec 2026 09:15:30 GMT}: a two-digit
 * day, which Java's RFC 1123 formatter, Micronaut's, does not write), formatted once per second rather
 * than once per answer.
 */
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
            stamp = new Stamp(second, format(second));
            current = stamp;
        }
        return stamp.text;
    }

    static String format(long epochSecond) {
        return DateFormatter.format(new Date(epochSecond * 1000));
    }
}
