package io.sessiongrid.node.security;

import io.sessiongrid.client.Session;
import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.client.SessionGridTransportException;
import io.sessiongrid.client.RetryPolicy;
import io.sessiongrid.node.support.SecuredNode;
import io.sessiongrid.node.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * HTTPS through Micronaut's server TLS settings, with a certificate made for the test, and the SDK
 * trusting exactly that certificate: the token then never crosses the network in clear text.
 */
class TlsTest {

    @TempDir
    static Path dir;

    private static TestNode node;
    private static Path certificate;

    @BeforeAll
    static void start() throws Exception {
        Path keyStore = dir.resolve("node.p12");
        certificate = dir.resolve("node.pem");
        keytool("-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", "test-pass", "-keypass", "test-pass");
        keytool("-exportcert", "-rfc", "-alias", "node", "-keystore", keyStore.toString(), "-storepass", "test-pass",
                "-file", certificate.toString());
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.ssl.enabled", true);
        props.put("micronaut.server.ssl.port", -1);
        props.put("micronaut.server.ssl.key-store.path", "file:" + keyStore);
        props.put("micronaut.server.ssl.key-store.password", "test-pass");
        props.put("micronaut.server.ssl.key-store.type", "PKCS12");
        node = SecuredNode.start(props);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void sdkTrustingTheNodesCertificateWorksOverHttps() {
        assertThat(node.url()).startsWith("https://127.0.0.1:");
        try (SessionGridClient client = SessionGridClient.builder().endpoints(node.url())
                .trustedCertificates(certificate).token(SecuredNode.AGENT_RW).build()) {
            client.createSession("agent", "u", "tls-1", Map.of("k", "v"));

            Session session = client.getSession("agent", "u", "tls-1");

            assertThat(session.state().get("k").asText()).isEqualTo("v");
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefusedBeforeSendingAnything() {
        try (SessionGridClient client = SessionGridClient.builder().endpoints(node.url()).token(SecuredNode.AGENT_RW)
                .retryPolicy(RetryPolicy.none()).build()) {
            assertThatThrownBy(() -> client.getSession("agent", "u", "tls-1"))
                    .isInstanceOf(SessionGridTransportException.class)
                    .hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class)
                    .satisfies(e -> assertThat(e.getCause()).isInstanceOf(SSLHandshakeException.class));
        }
    }

    @Test
    void plainHttpToTheTlsPortGetsNoAnswer() {
        String plain = node.url().replace("https://", "http://");
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(plain + "/health")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
