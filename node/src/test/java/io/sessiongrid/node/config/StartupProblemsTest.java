package io.sessiongrid.node.config;

import io.netty.channel.unix.Errors;
import org.junit.jupiter.api.Test;

import java.net.BindException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Which failed starts get one line, and what it says; StartupProblemIT shows the real processes. */
class StartupProblemsTest {

    @Test
    void ourOwnProblemIsItsMessageWhereverItSitsInTheChain() {
        StartupProblem problem = new StartupProblem("The session store at x did not answer", new RuntimeException("io"));

        assertThat(StartupProblems.explain(new IllegalStateException("bean failed", new RuntimeException(problem))))
                .hasValue("The session store at x did not answer");
    }

    @Test
    void aBindFailureNamesTheHttpPortSettingAndMicronautsAddress() {
        Throwable failure = new RuntimeException("Error starting Micronaut server: Unable to start Micronaut server on 127.0.0.1:8080",
                new BindException("Address already in use"));

        assertThat(StartupProblems.explain(failure)).hasValue("The HTTP port is taken (Unable to start Micronaut server on"
                + " 127.0.0.1:8080): set micronaut.server.port (env MICRONAUT_SERVER_PORT) to a free port, or stop the"
                + " process that holds it");
    }

    @Test
    void theNativeTransportsBindFailureNamesTheHttpPortSettingToo() throws Exception {
        // Netty's epoll transport reports a taken port with its own exception, not java.net.BindException.
        // Making one needs the native library (the node's runtime dependency, loaded by Epoll).
        Class<?> epoll = Class.forName("io.netty.channel.epoll.Epoll");
        assumeTrue((Boolean) epoll.getMethod("isAvailable").invoke(null), "no native epoll on this platform");
        Throwable failure = new RuntimeException("Error starting Micronaut server: Unable to start Micronaut server on 127.0.0.1:8080",
                new Errors.NativeIoException("bind(..) failed with error(-98): Address already in use", -98));

        assertThat(StartupProblems.explain(failure)).hasValue("The HTTP port is taken (Unable to start Micronaut server on"
                + " 127.0.0.1:8080): set micronaut.server.port (env MICRONAUT_SERVER_PORT) to a free port, or stop the"
                + " process that holds it");
        assertThat(StartupProblems.explain(new RuntimeException("x",
                new Errors.NativeIoException("writev(..) failed: Broken pipe", -32)))).isEmpty();
    }

    @Test
    void hazelcastsTakenPortNamesTheClusterPortSetting() {
        // As Micronaut wraps it: the outer message repeats the inner one among the bean's path.
        Throwable failure = new RuntimeException("Error instantiating bean\n\nMessage: Port [5701] is already in use and"
                + " auto-increment is disabled. Hazelcast cannot start.\nPath Taken: ...", new IllegalStateException(
                "Port [5701] is already in use and auto-increment is disabled. Hazelcast cannot start.",
                new BindException("Address already in use")));

        assertThat(StartupProblems.explain(failure)).hasValue("The cluster port is taken (Port [5701] is already in use and"
                + " auto-increment is disabled. Hazelcast cannot start.): set sessiongrid.cluster.port (env"
                + " SESSIONGRID_CLUSTER_PORT) to a free port, or stop the process that holds it; if the port is free,"
                + " sessiongrid.cluster.bind-interface (env SESSIONGRID_CLUSTER_INTERFACE) is not an address of this machine");
    }

    @Test
    void aBindFailureOtherThanATakenPortNamesTheHostToo() {
        Throwable failure = new RuntimeException("Error starting Micronaut server: Unable to start Micronaut server on 10.9.9.9:8080",
                new BindException("Cannot assign requested address"));

        assertThat(StartupProblems.explain(failure)).hasValue("The HTTP server cannot bind (Unable to start Micronaut server on"
                + " 10.9.9.9:8080: Cannot assign requested address): check micronaut.server.host (env MICRONAUT_SERVER_HOST),"
                + " an address of this machine, and micronaut.server.port (env MICRONAUT_SERVER_PORT)");
    }

    @Test
    void anyOtherFailureIsLeftToMicronaut() {
        assertThat(StartupProblems.explain(new IllegalStateException("no bean of type X", new NullPointerException())))
                .isEmpty();
    }
}
