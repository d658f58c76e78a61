package io.sessiongrid.spring.session.support;

import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.node.process.NodeProcess;
import io.sessiongrid.node.support.FreePort;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * A node process and two instances of one web app against it, as a load balancer would see them: what
 * the servlet and the reactive session tests start. Closing stops the apps, then the node.
 */
public final class NodeAndTwoApps implements AutoCloseable {

    public final NodeProcess node;
    public final SessionGridClient grid;
    public final ConfigurableApplicationContext first;
    public final ConfigurableApplicationContext second;
    /** The instances' base URLs. */
    public final String a;
    public final String b;

    private NodeAndTwoApps(NodeProcess node, SessionGridClient grid, ConfigurableApplicationContext first,
                           ConfigurableApplicationContext second) {
        this.node = node;
        this.grid = grid;
        this.first = first;
        this.second = second;
        this.a = "http://127.0.0.1:" + first.getEnvironment().getProperty("local.server.port");
        this.b = "http://127.0.0.1:" + second.getEnvironment().getProperty("local.server.port");
    }

    /** @param startApp starts one instance given the node's URL */
    public static NodeAndTwoApps start(String name, Function<String, ConfigurableApplicationContext> startApp) {
        int member = FreePort.next();
        NodeProcess node = NodeProcess.start(name, name + "-" + member, FreePort.next(), member,
                List.of("127.0.0.1:" + member)).awaitReady(Duration.ofSeconds(90));
        SessionGridClient grid = SessionGridClient.builder().endpoints(node.url()).build();
        return new NodeAndTwoApps(node, grid, startApp.apply(node.url()), startApp.apply(node.url()));
    }

    @Override
    public void close() {
        first.close();
        second.close();
        grid.close();
        node.stop(Duration.ofSeconds(30));
    }
}
