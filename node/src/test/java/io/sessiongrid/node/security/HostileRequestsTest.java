package io.sessiongrid.node.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessiongrid.node.support.SecuredNode;
import io.sessiongrid.node.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.sessiongrid.node.support.SecuredNode.AGENT_RW;
import static io.sessiongrid.node.support.SecuredNode.OPS;
import static io.sessiongrid.node.support.SecuredNode.call;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1,000 hostile requests over raw sockets, from a caller who holds only the agent app's token and wants
 * the web app's session: bad, empty and oversized tokens, injected headers, paths that smuggle in
 * another app. None may get a 5xx, none may see the web session's data, and the session stays as it was.
 */
class HostileRequestsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String MARKER = "WEB-MARKER-93af";
    private static final String WEB_SESSION = "/v1/apps/web/users/web-user-q7/sessions/web-sess-k2";
    private static final int REQUESTS = 1_000;

    private static TestNode node;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        node = SecuredNode.start(Map.of());
        port = URI.create(node.url()).getPort();
        assertThat(call(node, "POST", "/v1/apps/web/sessions", OPS,
                "{\"sessionId\":\"web-id-7\",\"userId\":\"web-user-q7\",\"state\":{\"secret\":\"" + MARKER + "\"}}")
                .statusCode()).isEqualTo(201);
        assertThat(call(node, "POST", "/v1/apps/web/users/web-user-q7/sessions", OPS,
                "{\"sessionId\":\"web-sess-k2\",\"state\":{\"secret\":\"" + MARKER + "\",\"user:mail\":\"" + MARKER + "\","
                        + "\"app:key\":\"" + MARKER + "\"}}").statusCode()).isEqualTo(201);
        assertThat(call(node, "POST", "/v1/apps/agent/users/u/sessions", AGENT_RW, "{\"sessionId\":\"mine\"}")
                .statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void neverA5xxAndNeverAnotherAppsData() throws Exception {
        Random random = new Random(20261124);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> answered = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String request = hostileRequest(random);
            String response = send(request);
            int status = status(response);
            statuses.merge(status, 1, Integer::sum);
            assertThat(status).as("status of request %d:%n%s", i, request).isLessThan(500);
            assertThat(response).as("response to request %d:%n%s", i, request).doesNotContain(MARKER);
            if (status > 0) {
                answered.add(request);
            }
        }

        // Not vacuous: nearly every request got an answer (the node may drop a connection whose headers
        // are far over its limit), and most were refused at the door.
        assertThat(answered.size()).as("answered, by status %s", statuses).isGreaterThan(950);
        assertThat(statuses.getOrDefault(401, 0) + statuses.getOrDefault(403, 0)).as("by status %s", statuses)
                .isGreaterThan(500);
        JsonNode session = MAPPER.readTree(call(node, "GET", WEB_SESSION, OPS, null).body());
        assertThat(session.path("version").asLong()).isZero();
        assertThat(session.path("state").path("secret").asText()).isEqualTo(MARKER);
        assertThat(session.path("state").path("user:mail").asText()).isEqualTo(MARKER);
        assertThat(call(node, "GET", "/v1/apps/web/sessions/web-id-7", OPS, null).statusCode()).isEqualTo(200);
    }

    private static String hostileRequest(Random random) {
        String method = pick(random, "GET", "GET", "GET", "POST", "PATCH", "DELETE", "PUT", "HEAD", "OPTIONS", "TRACE");
        String target = pick(random,
                WEB_SESSION,
                "/v1/apps/%77eb/users/web-user-q7/sessions/web-sess-k2",
                "/v1/apps/WEB/users/web-user-q7/sessions/web-sess-k2",
                "/v1/apps/agent/../web/users/web-user-q7/sessions/web-sess-k2",
                "/v1/apps/agent/%2E%2E/web/users/web-user-q7/sessions/web-sess-k2",
                "/v1/apps/agent%2F..%2Fweb/users/web-user-q7/sessions/web-sess-k2",
                "/v1/apps/agent%2Fweb/users/web-user-q7/sessions/web-sess-k2",
                "/v1/apps/agent/users/..%2F..%2Fweb%2Fusers%2Fweb-user-q7/sessions/web-sess-k2",
                "/v1/apps/agent/users/web-user-q7/sessions/web-sess-k2",
                "/v1/apps/agent/users/web-user-q7/sessions/..%2F..%2F..%2Fweb%2Fusers%2Fweb-user-q7%2Fsessions%2Fweb-sess-k2",
                "//v1/apps/web/users/web-user-q7/sessions/web-sess-k2",
                "/v1//apps/web/users/web-user-q7/sessions/web-sess-k2",
                "/v1/apps/web;app=agent/users/web-user-q7/sessions/web-sess-k2",
                "/v1/apps/agent;/../web/users/web-user-q7/sessions/web-sess-k2",
                "/v1/apps/web%00/users/web-user-q7/sessions/web-sess-k2",
                "/v1/apps/agent%00web/users/web-user-q7/sessions/web-sess-k2",
                "/v1/apps/*/users/web-user-q7/sessions/web-sess-k2",
                "/v1/apps/%2A/users/web-user-q7/sessions/web-sess-k2",
                "/v1/apps/web/sessions/web-id-7",
                "/v1/apps/agent/sessions/web-id-7",
                "/v1/apps/agent/sessions/..%2F..%2Fweb%2Fsessions%2Fweb-id-7",
                "/v1/apps/web/users/web-user-q7/sessions",
                "/v1/apps/web/sessions",
                "/v1/apps/web/state",
                "/v1/apps/web/users/web-user-q7/state",
                "/v1/apps/web/users/web-user-q7/sessions/web-sess-k2/events",
                "/v1/apps/web/users/web-user-q7/sessions/web-sess-k2:touch",
                "/v1/apps/web/users/web-user-q7/sessions:count",
                "/v1/apps/web/policy",
                "/v1/apps/web/users/web-user-q7/sessions/web-sess-k2?app=agent",
                "/v1/apps/agent/users/u/sessions/mine?app=web",
                "/v1/apps/agent/users/u/sessions/mine#/../../web",
                "/v1/apps/w%C3%A9b/users/web-user-q7/sessions/web-sess-k2",
                "/health/../v1/apps/web/users/web-user-q7/sessions/web-sess-k2",
                "/health/%2E%2E/v1/apps/web/users/web-user-q7/sessions/web-sess-k2",
                "/prometheus",
                "/metrics",
                "/v1/apps/web/users/web-user-q7/sessions/web-sess-k2%0D%0AAuthorization:%20Bearer%20" + AGENT_RW,
                "http://127.0.0.1:" + port + WEB_SESSION,
                "/v1/apps/" + "a".repeat(5_000) + "/users/u/sessions/s",
                "*");
        String authorization = pick(random,
                null,
                "",
                "Bearer",
                "Bearer ",
                "Bearer  ",
                "Bearer " + AGENT_RW,
                "Bearer " + AGENT_RW,
                "Bearer " + AGENT_RW,
                "bearer " + AGENT_RW,
                "BEARER " + AGENT_RW,
                "Bearer " + AGENT_RW + "x",
                "Bearer " + AGENT_RW.substring(0, 8),
                "Bearer " + AGENT_RW + " " + AGENT_RW,
                "Bearer " + AGENT_RW.toUpperCase(),
                "Bearer " + SecuredNode.sha256Hex(OPS),
                "Bearer " + "A".repeat(300),
                "Bearer " + "B".repeat(9_000),
                "Bearer " + "C".repeat(70_000),
                "Bearer ops",
                "Bearer *",
                "Bearer null",
                "Bearer \u00e9\u00e8" + AGENT_RW,
                "Basic " + java.util.Base64.getEncoder().encodeToString(("ops:" + AGENT_RW).getBytes(StandardCharsets.UTF_8)),
                "Bearer " + AGENT_RW + "\r\nX-App: web",
                "Bearer " + AGENT_RW + "\rAuthorization: Bearer " + SecuredNode.sha256Hex(OPS),
                "Bearer " + AGENT_RW + "\u0000",
                "Bearer " + AGENT_RW + "\r\n Bearer more");
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Connection: close\r\n");
        if (authorization != null) {
            request.append("Authorization: ").append(authorization).append("\r\n");
        }
        String extra = pick(random, null, null, "X-Original-URL: " + WEB_SESSION, "X-Rewrite-URL: " + WEB_SESSION,
                "X-HTTP-Method-Override: DELETE", "X-Forwarded-Prefix: /v1/apps/web", "Host: web",
                "Authorization: Bearer " + AGENT_RW, "Transfer-Encoding: chunked", "Content-Length: -1");
        if (extra != null) {
            request.append(extra).append("\r\n");
        }
        boolean body = method.equals("POST") || method.equals("PATCH") || method.equals("PUT");
        if (body && (extra == null || !extra.startsWith("Transfer-Encoding") && !extra.startsWith("Content-Length"))) {
            byte[] json = ("{\"sessionId\":\"web-sess-k2\",\"userId\":\"web-user-q7\",\"state\":{\"secret\":\"stolen\"},"
                    + "\"author\":\"x\",\"to\":\"w\",\"maxIdleSeconds\":1}").getBytes(StandardCharsets.UTF_8);
            request.append("Content-Type: application/json\r\nContent-Length: ").append(json.length).append("\r\n\r\n")
                    .append(new String(json, StandardCharsets.UTF_8));
        } else {
            request.append("\r\n");
        }
        return request.toString();
    }

    /** The raw response, or "" when the node closed the connection without one. */
    private static String send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                return ""; // the node closed the connection on an oversized request before reading it all
            }
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    response.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // what arrived is the answer
            }
            return response.toString(StandardCharsets.UTF_8);
        }
    }

    private static int status(String response) {
        if (!response.startsWith("HTTP/1.1 ")) {
            return 0;
        }
        return Integer.parseInt(response.substring(9, 12));
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... options) {
        return options[random.nextInt(options.length)];
    }
}
