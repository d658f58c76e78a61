package io.sessiongrid.node.security;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import io.sessiongrid.node.ratelimit.RateLimit;
import io.sessiongrid.node.support.SecuredNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The token configuration as operators write it, and the clear refusals of a wrong one. */
class SecuritySettingsTest {

    private static final String HASH = SecuredNode.sha256Hex("secret-one");

    @Test
    void readsTheDocumentedYamlShape() throws Exception {
        String yaml = """
                sessiongrid:
                  security:
                    enabled: true
                    tokens:
                      agent-rw: { sha256: "%s", apps: [agent], scopes: [read, write] }
                      web-ro:   { sha256: "%s", apps: [web], scopes: [read] }
                      ops:      { sha256: "%s", apps: ["*"], scopes: [read, write, admin], requests-per-second: 50, burst: 80 }
                """.formatted(HASH, SecuredNode.sha256Hex("secret-two"), SecuredNode.sha256Hex("secret-three").toUpperCase());

        SecuritySettings settings;
        try (ApplicationContext context = ApplicationContext.builder()
                .propertySources(PropertySource.of("tokens.yml", new YamlPropertySourceLoader()
                        .read("tokens.yml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))))
                .build()) {
            settings = SecuritySettings.read(context.getEnvironment().start());
        }

        assertThat(settings.enabled()).contains(true);
        assertThat(settings.prometheusRequiresAdmin()).isTrue();
        assertThat(settings.tokens()).extracting(ApiToken::toString)
                .containsExactly("agent-rw [agent] [read, write]", "ops [*] [read, write, admin]", "web-ro [web] [read]");
        ApiTokens tokens = new ApiTokens(settings.tokens());
        assertThat(tokens.match("secret-one")).map(ApiToken::name).contains("agent-rw");
        assertThat(tokens.match("secret-three")).map(ApiToken::name).contains("ops");
        assertThat(tokens.match("secret-three")).map(ApiToken::rateLimit).contains(new RateLimit(50, 80));
        assertThat(tokens.match("secret-one")).map(ApiToken::rateLimit).isEmpty();
        assertThat(tokens.match("secret-on")).isEmpty();
        assertThat(tokens.match(HASH)).isEmpty();
    }

    @Test
    void enabledIsUnsetUnlessConfigured() {
        assertThat(read(Map.of()).enabled()).isEmpty();
        assertThat(read(Map.of("sessiongrid.security.enabled", "false")).enabled()).isEqualTo(Optional.of(false));
    }

    @Test
    void refusesAWrongConfigurationWithAMessageThatSaysWhatToFix() {
        assertThatThrownBy(() -> read(Map.of("sessiongrid.security.enabled", true)))
                .hasMessage("sessiongrid.security.enabled is true but sessiongrid.security.tokens lists no token, so no call"
                        + " could pass: add tokens (see README, \"Access control\") or set sessiongrid.security.enabled: false");
        assertThatThrownBy(() -> read(token("a", "not-a-hash", List.of("x"), List.of("read"))))
                .hasMessage("sessiongrid.security.tokens.a.sha256 must be the 64 hex digits of the SHA-256 of the token"
                        + " (printf %s \"$TOKEN\" | sha256sum), never the token itself");
        assertThatThrownBy(() -> read(token("a", HASH, List.of("x"), List.of("read", "delete"))))
                .hasMessage("sessiongrid.security.tokens.a.scopes: unknown scope 'delete'; known scopes: read, write, admin");
        assertThatThrownBy(() -> read(token("a", HASH, List.of(), List.of("read"))))
                .hasMessage("sessiongrid.security.tokens.a.apps must list the apps the token may use, or [\"*\"] for all");
        assertThatThrownBy(() -> read(Map.of("sessiongrid.security.tokens.a.sha", HASH)))
                .hasMessageStartingWith("Unknown token key 'sessiongrid.security.tokens.a.sha'");
        assertThatThrownBy(() -> read(Map.of("sessiongrid.security.enabled", "TRUE")))
                .hasMessage("sessiongrid.security.enabled must be true or false (lower case) but was 'TRUE'");
        Map<String, Object> unchecked = new HashMap<>(token("a", HASH, List.of("x"), List.of("read")));
        unchecked.put("sessiongrid.security.enabled", true);
        unchecked.put("micronaut.security.enabled", false);
        assertThatThrownBy(() -> read(unchecked))
                .hasMessage("micronaut.security.enabled and micronaut.security.filter.enabled follow"
                        + " sessiongrid.security.enabled (now true): set only sessiongrid.security.enabled, not the Micronaut keys");
        assertThatThrownBy(() -> read(Map.of("micronaut.security.enabled", true)))
                .hasMessageContaining("(now false)");
        Map<String, Object> twice = new HashMap<>(token("a", HASH, List.of("x"), List.of("read")));
        twice.putAll(token("b", HASH, List.of("y"), List.of("read")));
        assertThatThrownBy(() -> read(twice))
                .hasMessage("Tokens 'a' and 'b' under sessiongrid.security.tokens have the same sha256: give each its own secret");
    }

    @Test
    void protectedModeAllowsLoopbackOrAnExplicitChoice() {
        SecuritySettings unset = new SecuritySettings(Optional.empty(), true, List.of());
        SecuritySettings off = new SecuritySettings(Optional.of(false), true, List.of());

        ProtectedMode.check(unset, "127.0.0.1");
        ProtectedMode.check(unset, "localhost");
        ProtectedMode.check(unset, "::1");
        ProtectedMode.check(off, "0.0.0.0");
        ProtectedMode.check(off, "");
        assertThatThrownBy(() -> ProtectedMode.check(unset, "0.0.0.0")).hasMessageStartingWith(
                "Protected mode: refusing to serve the HTTP API on 0.0.0.0 without access control");
        assertThatThrownBy(() -> ProtectedMode.check(unset, "")).hasMessageStartingWith(
                "Protected mode: refusing to serve the HTTP API on every interface without access control");
        assertThatThrownBy(() -> ProtectedMode.check(unset, "192.0.2.10")).hasMessageContaining(
                "opt out explicitly with sessiongrid.security.enabled: false (SESSIONGRID_SECURITY_ENABLED=false)");
    }

    private static Map<String, Object> token(String name, String hash, List<String> apps, List<String> scopes) {
        String prefix = "sessiongrid.security.tokens." + name;
        return Map.of(prefix + ".sha256", hash, prefix + ".apps", apps, prefix + ".scopes", scopes);
    }

    private static SecuritySettings read(Map<String, Object> properties) {
        try (ApplicationContext context = ApplicationContext.builder().properties(properties).build()) {
            Environment env = context.getEnvironment().start();
            return SecuritySettings.read(env);
        }
    }
}
