package io.sessiongrid.node.http.connection;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionLimitsTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @Test
    void unsetCapIsHalfTheFileDescriptorLimitAtMost10000() {
        assertThat(resolve(null, 8, OptionalLong.of(1_048_576)).maxConnections()).isEqualTo(10_000);
        assertThat(resolve(null, 8, OptionalLong.of(20_000)).maxConnections()).isEqualTo(10_000);
        assertThat(resolve(null, 8, OptionalLong.of(4_096)).maxConnections()).isEqualTo(2_048);
        assertThat(resolve(null, 8, OptionalLong.of(1_024)).maxConnections()).isEqualTo(512);
        assertThat(resolve(null, 8, OptionalLong.empty()).maxConnections()).isEqualTo(10_000);
    }

    @Test
    void anExplicitCapIsKeptWhenTheFileDescriptorsCanHoldIt() {
        ConnectionLimits limits = resolve(50_000, 16, OptionalLong.of(1_048_576));
        assertThat(limits).isEqualTo(new ConnectionLimits(50_000, 16, TEN_SECONDS));
        assertThat(resolve(1_000_000, 8, OptionalLong.empty()).maxConnections()).isEqualTo(1_000_000);
    }

    @Test
    void aCapTheFileDescriptorsCannotHoldStopsTheNodeNamingTheKey() {
        assertThatThrownBy(() -> resolve(19_800, 8, OptionalLong.of(20_000)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sessiongrid.limits.max-connections (19800)")
                .hasMessageContaining("file-descriptor limit (20000)");
        assertThat(resolve(19_736, 8, OptionalLong.of(20_000)).maxConnections()).isEqualTo(19_736);
    }

    @Test
    void nonsenseValuesStopTheNode() {
        assertThatThrownBy(() -> resolve(0, 8, OptionalLong.empty())).hasMessageContaining("sessiongrid.limits.max-connections");
        assertThatThrownBy(() -> resolve(null, -1, OptionalLong.empty())).hasMessageContaining("sessiongrid.limits.health-reserve");
        assertThatThrownBy(() -> ConnectionLimits.resolve(new ConnectionSettings(null, 8, Duration.ofSeconds(-1)), OptionalLong.empty()))
                .hasMessageContaining("sessiongrid.limits.request-timeout");
    }

    private static ConnectionLimits resolve(Integer max, int reserve, OptionalLong fdLimit) {
        return ConnectionLimits.resolve(new ConnectionSettings(max, reserve, TEN_SECONDS), fdLimit);
    }
}
