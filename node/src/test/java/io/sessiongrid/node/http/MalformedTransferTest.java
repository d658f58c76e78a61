package io.sessiongrid.node.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sessiongrid.node.support.RawConnection;
import io.sessiongrid.node.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests broken below the JSON: bodies that do not decode as their Content-Encoding, bodies that inflate
 * past the limit, an {@code Expect: 100-continue} over the limit, over-long request lines and headers. Each
 * gets its exact status and problem type; none a 500, a stack trace or a log line per request.
 */
class MalformedTransferTest {

    private static final String CREATE = "/v1/apps/transfer/users/u/sessions";
    private static final String PROBLEMS = "https://sessiongrid.io/problems/";

    private static TestNode node;
    private static int port;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeAll
    static void start() {
        node = TestNode.single();
        port = URI.create(node.url()).getPort();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @BeforeEach
    void watchLog() {
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void unwatchLog() {
        root.detachAppender(log);
    }

    @Test
    void brokenGzipAndDeflateBodiesGet400AndAtMostOneLogLine() {
        for (int i = 0; i < 200; i++) {
            String encoding = i % 2 == 0 ? "gzip" : "deflate";
            RawConnection.Response answer = post(CREATE, encoding, "not compressed at all".getBytes(StandardCharsets.UTF_8));
            assertThat(answer.status()).as("%s body %d", encoding, i).isEqualTo(400);
            assertThat(answer.header("content-type")).isEqualTo("application/problem+json");
            assertThat(answer.body()).contains("\"type\":\"" + PROBLEMS + "invalid-content-encoding\"")
                    .doesNotContain("at io.");
        }
        // 200 refusals within seconds: one line (the throttle's interval is 10 s), and nothing else.
        assertThat(log.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).hasSizeBetween(1, 2)
                .allSatisfy(e -> {
                    assertThat(e.getLoggerName()).endsWith("BadContentEncodingHandler");
                    assertThat(e.getLevel()).isEqualTo(Level.WARN);
                    assertThat(e.getThrowableProxy()).isNull();
                    assertThat(e.getFormattedMessage()).contains("Content-Encoding");
                });
    }

    @Test
    void aValidGzipBodyIsServed() throws IOException {
        RawConnection.Response answer = post(CREATE, "gzip", gzip("{\"sessionId\":\"zipped\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(answer.status()).isEqualTo(201);
    }

    @Test
    void aGzipBombGets413WithoutInflatingWithoutBound() throws IOException {
        // 256 MB of JSON whitespace in about 256 KB: the limit (1 MB) counts inflated bytes, so the node stops
        // inflating just past it; a node inflating it all would run out of heap.
        byte[] bomb = gzip(new byte[0], 256 << 20);
        RawConnection.Response answer = post(CREATE, "gzip", bomb);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("\"type\":\"" + PROBLEMS + "payload-too-large\"");
        assertThat(log.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR));
        assertThat(post(CREATE, "gzip", gzip("{\"sessionId\":\"after-bomb\"}".getBytes(StandardCharsets.UTF_8))).status())
                .isEqualTo(201);
    }

    @Test
    void expectContinueOverTheLimitGets413AndNo100() {
        try (RawConnection connection = RawConnection.open(port)) {
            RawConnection.Response answer = connection.send("POST " + CREATE + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 5000000\r\nExpect: 100-continue\r\n\r\n").read();
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.body()).contains("\"type\":\"" + PROBLEMS + "payload-too-large\"");
            assertThat(answer.header("connection")).isEqualToIgnoringCase("close");
        }
    }

    @Test
    void expectContinueWithinTheLimitGets100ThenTheAnswer() {
        byte[] body = "{\"sessionId\":\"expected\"}".getBytes(StandardCharsets.UTF_8);
        try (RawConnection connection = RawConnection.open(port)) {
            connection.send("POST " + CREATE + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nExpect: 100-continue\r\n\r\n");
            assertThat(connection.read().status()).isEqualTo(100);
            assertThat(connection.send(body).read().status()).isEqualTo(201);
        }
    }

    @Test
    void anOverLongRequestLineGets414() {
        try (RawConnection connection = RawConnection.open(port)) {
            RawConnection.Response answer = connection.get("/v1/apps/" + "a".repeat(5_000) + "/users/u/sessions");
            assertThat(answer.status()).isEqualTo(414);
            assertThat(answer.body()).contains("\"type\":\"" + PROBLEMS + "uri-too-long\"");
            assertThat(answer.header("content-type")).isEqualTo("application/problem+json");
        }
    }

    @Test
    void overLargeHeadersGet431() {
        try (RawConnection connection = RawConnection.open(port)) {
            RawConnection.Response answer = connection.send("GET " + CREATE + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
                    + "b".repeat(20_000) + "\r\n\r\n").read();
            assertThat(answer.status()).isEqualTo(431);
            assertThat(answer.body()).contains("\"type\":\"" + PROBLEMS + "headers-too-large\"");
        }
    }

    private static RawConnection.Response post(String path, String encoding, byte[] body) {
        try (RawConnection connection = RawConnection.open(port)) {
            connection.send("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Encoding: " + encoding + "\r\nContent-Length: " + body.length + "\r\n\r\n");
            connection.send(body);
            return connection.read();
        }
    }

    private static byte[] gzip(byte[] prefix) throws IOException {
        return gzip(prefix, 0);
    }

    /** {@code prefix} then {@code spaces} spaces, gzipped. */
    private static byte[] gzip(byte[] prefix, int spaces) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(prefix);
            byte[] chunk = new byte[1 << 16];
            java.util.Arrays.fill(chunk, (byte) ' ');
            for (int left = spaces; left > 0; left -= chunk.length) {
                zip.write(chunk, 0, Math.min(left, chunk.length));
            }
        }
        return out.toByteArray();
    }
}
