package io.sessiongrid.node.support;


import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** A node with access control on and the three tokens, plus raw HTTP calls that carry a token. */
public final class SecuredNode {

    /** read and write in app agent. */
    public static final String AGENT_RW = "sg_agent_rw_4f1d9c2a7b";
    /** The agent app's next token, configured beside the current one while clients move (rotation). */
    public static final String AGENT_RW_NEXT = "sg_agent_rw_next_6b0e4d";
    /** read in app web. */
    public static final String WEB_RO = "sg_web_ro_8e3b6d1f0c";
    /** read, write and admin in every app. */
    public static final String OPS = "sg_ops_2a7c5e9b3d";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private SecuredNode() {
    }

    public static TestNode start(Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(tokens());
        props.putAll(extra);
        int port = TestCluster.freePort();
        return TestNode.start("secured-" + port, port, List.of("127.0.0.1:" + port), props);
    }

    public static Map<String, Object> tokens() {
        Map<String, Object> props = new HashMap<>();
        props.put("sessiongrid.security.enabled", true);
        props.putAll(token("agent-rw", AGENT_RW, List.of("agent"), List.of("read", "write")));
        props.putAll(token("agent-rw-next", AGENT_RW_NEXT, List.of("agent"), List.of("read", "write")));
        props.putAll(token("web-ro", WEB_RO, List.of("web"), List.of("read")));
        props.putAll(token("ops", OPS, List.of("*"), List.of("read", "write", "admin")));
        return props;
    }

    public static Map<String, Object> token(String name, String secret, List<String> apps, List<String> scopes) {
        String prefix = "sessiongrid.security.tokens." + name;
        return Map.of(prefix + ".sha256", sha256Hex(secret), prefix + ".apps", apps, prefix + ".scopes", scopes);
    }

    public static String sha256Hex(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A call with {@code token} as bearer (none when null) and an optional JSON body. */
    public static HttpResponse<String> call(TestNode node, String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
