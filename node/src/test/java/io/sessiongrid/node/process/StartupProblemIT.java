package io.sessiongrid.node.process;

import io.sessiongrid.node.support.FreePort;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node whose configuration cannot work stops at once with exit code 1 and one line that names the
 * setting to change, and prints no stack trace: a store out of reach, a taken HTTP port, a taken
 * member port. Each log is new, so it holds exactly this start.
 */
class StartupProblemIT {

    @Test
    void aStoreOutOfReachStopsTheNodeWithinItsConnectTimeout() {
        int nobody = FreePort.next();
        NodeProcess node = start("startup-store-" + nobody, FreePort.next(), FreePort.next(), Map.of(
                "sessiongrid.store.jdbc-url", "jdbc:postgresql://127.0.0.1:" + nobody + "/test?password=secret",
                "sessiongrid.store.username", "postgres",
                "sessiongrid.store.connect-timeout", "1s"));

        assertThat(node.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(problemLines(node)).singleElement().asString()
                .startsWith("Session Grid cannot start: The session store at jdbc:postgresql://127.0.0.1:" + nobody
                        + "/test (user 'postgres') did not accept a connection within 1 s: PSQLException (SQL state"
                        + " 08001, connection exception): Connection to 127.0.0.1:" + nobody + " refused")
                .contains("Check sessiongrid.store.jdbc-url, .username and .password (env SESSIONGRID_STORE_JDBC_URL,")
                .doesNotContain("secret");
        assertThat(node.output()).doesNotContain("\tat ").doesNotContain("Flyway");
    }

    @Test
    void aTakenHttpPortNamesItsSetting() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            NodeProcess node = start("startup-http-" + taken.getLocalPort(), taken.getLocalPort(), FreePort.next(), Map.of());

            assertThat(node.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(problemLines(node)).singleElement().asString()
                    .startsWith("Session Grid cannot start: The HTTP port is taken (")
                    .contains(":" + taken.getLocalPort())
                    .endsWith("set micronaut.server.port (env MICRONAUT_SERVER_PORT) to a free port, or stop the process"
                            + " that holds it");
            assertThat(node.output()).doesNotContain("\tat ");
        }
    }

    @Test
    void aTakenMemberPortNamesItsSetting() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            NodeProcess node = start("startup-member-" + taken.getLocalPort(), FreePort.next(), taken.getLocalPort(),
                    Map.of());

            assertThat(node.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(problemLines(node)).singleElement().asString()
                    .startsWith("Session Grid cannot start: The cluster port is taken (")
                    .contains("set sessiongrid.cluster.port (env SESSIONGRID_CLUSTER_PORT) to a free port, or stop the"
                            + " process that holds it");
            assertThat(node.output()).doesNotContain("\tat ");
        }
    }

    private static NodeProcess start(String name, int httpPort, int memberPort, Map<String, String> properties) {
        // NodeProcess appends to a log per name: a name of this run's own, so the log holds this start only.
        String unique = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        return NodeProcess.start(unique, unique, httpPort, memberPort, List.of("127.0.0.1:" + memberPort), properties);
    }

    /**
     * The launcher's line, without the log pattern's time, thread and logger in front; and it must be
     * the start's only ERROR line (the libraries' own for a taken port are filtered).
     */
    private static List<String> problemLines(NodeProcess node) {
        assertThat(node.output().lines().filter(line -> line.contains(" ERROR ")).count()).as(node.output()).isEqualTo(1);
        return node.output().lines().filter(line -> line.contains("Session Grid cannot start: "))
                .map(line -> line.substring(line.indexOf("Session Grid cannot start: "))).toList();
    }
}
