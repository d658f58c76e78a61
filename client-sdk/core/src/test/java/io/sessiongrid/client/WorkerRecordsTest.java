package io.sessiongrid.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worker-affinity records: defensive copies and the counts they refuse. */
class WorkerRecordsTest {

    @Test
    void workerCountsKeepTheAskedOrderInAnUnmodifiableCopy() {
        Map<String, Long> perWorker = new LinkedHashMap<>();
        perWorker.put("w9", 2L);
        perWorker.put("w1", 0L);
        perWorker.put("w5", 3L);

        WorkerCounts counts = new WorkerCounts(5, perWorker);
        perWorker.put("later", 1L);

        assertThat(counts.total()).isEqualTo(5L);
        assertThat(counts.perWorker()).containsExactly(entry("w9", 2L), entry("w1", 0L), entry("w5", 3L));
        assertThatThrownBy(() -> counts.perWorker().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void workerCountsRefuseNegativeCountsAndNulls() {
        Map<String, Long> nullCount = new HashMap<>();
        nullCount.put("w1", null);

        assertThatThrownBy(() -> new WorkerCounts(-1, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("total must be >= 0 but was -1");
        assertThatThrownBy(() -> new WorkerCounts(0, Map.of("w1", -2L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the count of w1 must be >= 0 but was -2");
        assertThatThrownBy(() -> new WorkerCounts(0, nullCount))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("perWorker values must not be null");
        assertThatThrownBy(() -> new WorkerCounts(0, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("perWorker");
    }

    @Test
    void rerouteResultRefusesNegativeCounts() {
        assertThat(new RerouteResult(7, 0)).isEqualTo(new RerouteResult(7, 0));
        assertThatThrownBy(() -> new RerouteResult(-1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("moved must be >= 0 but was -1");
        assertThatThrownBy(() -> new RerouteResult(0, -3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("remaining must be >= 0 but was -3");
    }

    @Test
    void routePageIsAnUnmodifiableCopyAndNullMeansEmpty() {
        List<Route> routes = new ArrayList<>(List.of(new Route("s", "u", "w", 0)));

        RoutePage page = new RoutePage(routes, null);
        routes.clear();

        assertThat(page.routes()).containsExactly(new Route("s", "u", "w", 0));
        assertThat(page.hasNext()).isFalse();
        assertThat(new RoutePage(null, "t").routes()).isEmpty();
        assertThatThrownBy(() -> page.routes().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
