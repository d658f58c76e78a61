package io.sessiongrid.node.security;

import com.hazelcast.core.Hazelcast;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.sessiongrid.node.support.TestCluster;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A node without tokens refuses a non-loopback address; the quick start's defaults serve loopback only. */
class ProtectedModeTest {

    @Test
    void refusesToStartOnEveryInterfaceWithoutAccessControlBeforeTheMemberStarts() throws IOException {
        Map<String, Object> props = nodeProperties();
        props.put("micronaut.server.host", "0.0.0.0");
        // The member's port is taken: a member started before the check would fail with its own error.
        try (ServerSocket taken = new ServerSocket((int) props.get("sessiongrid.cluster.port"), 1,
                InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, props))
                    .rootCause()
                    .hasMessageStartingWith("Protected mode: refusing to serve the HTTP API on 0.0.0.0 without access control")
                    .hasMessageContaining("sessiongrid.security.enabled: true and sessiongrid.security.tokens");
        }
        assertThat(Hazelcast.getAllHazelcastInstances()).isEmpty();
    }

    @Test
    void quickStartDefaultsServeLoopbackOnly() throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, nodeProperties())) {
            assertThat(server.getHost()).isEqualTo("127.0.0.1");
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", server.getPort()), 2_000);
            }
            Optional<InetAddress> external = nonLoopbackAddress();
            if (external.isPresent()) {
                assertThatThrownBy(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(external.get(), server.getPort()), 2_000);
                    }
                }).isInstanceOf(ConnectException.class);
            }
        }
    }

    private static Map<String, Object> nodeProperties() {
        int memberPort = TestCluster.freePort();
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("sessiongrid.cluster.name", "protected-" + memberPort);
        props.put("sessiongrid.cluster.port", memberPort);
        props.put("sessiongrid.cluster.members", "127.0.0.1:" + memberPort);
        props.put("sessiongrid.cluster.partition-count", 11);
        return props;
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        List<NetworkInterface> interfaces = Collections.list(NetworkInterface.getNetworkInterfaces());
        return interfaces.stream()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                .findFirst();
    }
}
