package io.sessiongrid.node;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.sessiongrid.node.Application.COMMON_POOL_PARALLELISM;
import static org.assertj.core.api.Assertions.assertThat;

class ApplicationTest {

    private final String before = System.getProperty(COMMON_POOL_PARALLELISM);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(COMMON_POOL_PARALLELISM);
        } else {
            System.setProperty(COMMON_POOL_PARALLELISM, before);
        }
    }

    @Test
    void asyncPoolHasAtLeastTwoThreadsSoCompletionsNeverStartAThreadEach() {
        System.clearProperty(COMMON_POOL_PARALLELISM);
        Application.ensureAsyncPool();
        int expected = Math.max(2, Runtime.getRuntime().availableProcessors() - 1);
        assertThat(System.getProperty(COMMON_POOL_PARALLELISM)).isEqualTo(Integer.toString(expected));
    }

    @Test
    void anExplicitSettingWins() {
        System.setProperty(COMMON_POOL_PARALLELISM, "7");
        Application.ensureAsyncPool();
        assertThat(System.getProperty(COMMON_POOL_PARALLELISM)).isEqualTo("7");
    }
}
