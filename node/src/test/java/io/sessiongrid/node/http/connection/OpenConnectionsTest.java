package io.sessiongrid.node.http.connection;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.sessiongrid.node.metrics.ConnectionMetrics;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class OpenConnectionsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final OpenConnections connections = new OpenConnections(new ConnectionLimits(2, 2, Duration.ofSeconds(10)),
            new ConnectionMetrics(() -> registry));

    @Test
    void beyondTheCapConnectionsGoToTheReserveThenAreRefused() {
        OpenConnections.Slot first = connections.admit(new EmbeddedChannel());
        OpenConnections.Slot second = connections.admit(new EmbeddedChannel());
        assertThat(first.inReserve()).isFalse();
        assertThat(second.inReserve()).isFalse();

        OpenConnections.Slot probe1 = connections.admit(new EmbeddedChannel());
        OpenConnections.Slot probe2 = connections.admit(new EmbeddedChannel());
        assertThat(probe1.inReserve()).isTrue();
        assertThat(probe2.inReserve()).isTrue();
        probe1.probeShown();
        probe2.probeShown();

        // Reserve full of probes under way: nobody else gets in.
        assertThat(connections.admit(new EmbeddedChannel())).isNull();
        assertThat(connections.open()).isEqualTo(4);
        assertThat(refused("limit")).isEqualTo(1);
        assertThat(registry.get("sessiongrid.connections.open").gauge().value()).isEqualTo(4);

        // A probe's answer closes its connection: its place is free again; so is a regular one.
        probe1.release();
        probe1.release();
        assertThat(connections.admit(new EmbeddedChannel()).inReserve()).isTrue();
        first.release();
        assertThat(connections.admit(new EmbeddedChannel()).inReserve()).isFalse();
        assertThat(connections.open()).isEqualTo(4);
    }

    @Test
    void aFullReserveGivesTheOldestUndecidedPlaceToTheNewcomer() {
        connections.admit(new EmbeddedChannel());
        connections.admit(new EmbeddedChannel());
        EmbeddedChannel idle1 = new EmbeddedChannel();
        EmbeddedChannel probe = new EmbeddedChannel();
        EmbeddedChannel idle2 = new EmbeddedChannel();
        OpenConnections.Slot idleSlot1 = connections.admit(idle1);
        connections.admit(probe).probeShown();

        // The reserve is full; the newcomer takes the place of the connection that showed no probe.
        OpenConnections.Slot idleSlot2 = connections.admit(idle2);
        assertThat(idleSlot2).isNotNull();
        assertThat(idle1.isOpen()).isFalse();
        assertThat(probe.isOpen()).isTrue();
        assertThat(refused("reserve")).isEqualTo(1);

        // The evicted connection's close gives back nothing: its place already belongs to the newcomer.
        idleSlot1.release();
        assertThat(connections.open()).isEqualTo(4);
        idleSlot2.release();
        assertThat(connections.open()).isEqualTo(3);
    }

    private double refused(String reason) {
        var counter = registry.find("sessiongrid.connections.refused").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
