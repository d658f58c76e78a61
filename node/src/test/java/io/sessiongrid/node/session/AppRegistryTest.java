package io.sessiongrid.node.session;

import io.sessiongrid.node.support.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cluster's bound on apps holds when two members admit at once, and names cost nothing until admitted. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppRegistryTest {

    private TestCluster cluster;

    @BeforeAll
    void start() {
        cluster = new TestCluster(2);
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    @Test
    void twoMembersAdmittingAtOnceNeverPassTheBoundTogether() throws Exception {
        AppRegistry first = new AppRegistry(cluster.member(0), app -> app.equals("configured"), 5);
        AppRegistry second = new AppRegistry(cluster.member(1), app -> app.equals("configured"), 5);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Boolean>> admits = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            AppRegistry registry = i % 2 == 0 ? first : second;
            String app = "bound-" + i;
            admits.add(pool.submit(() -> {
                try {
                    registry.admit(app);
                    return true;
                } catch (SessionGridError e) {
                    assertThat(e.kind()).isEqualTo(SessionGridError.Kind.APP_LIMIT);
                    return false;
                }
            }));
        }
        int admitted = 0;
        for (Future<Boolean> admit : admits) {
            admitted += admit.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(admitted).isEqualTo(5);
        assertThat(first.refused() + second.refused()).isEqualTo(35);
        // Configured apps and apps already admitted pass at the bound; an admitted app is known everywhere.
        first.admit("configured");
        String someAdmitted = null;
        for (int i = 0; i < 40 && someAdmitted == null; i++) {
            if (second.exists("bound-" + i)) {
                someAdmitted = "bound-" + i;
            }
        }
        assertThat(someAdmitted).isNotNull();
        assertThat(first.exists(someAdmitted)).isTrue();
        first.admit(someAdmitted);
        assertThatThrownBy(() -> second.admit("one-more")).isInstanceOf(SessionGridError.class)
                .hasMessageContaining("limit of 5 apps");
        // Stored apps are real whatever the bound.
        second.register("from-the-store");
        assertThat(first.exists("from-the-store")).isTrue();
    }

    @Test
    void aNameNobodyCreatedDoesNotExistAndMakesNoMaps() {
        AppRegistry registry = new AppRegistry(cluster.member(0), app -> false, 0);
        int before = cluster.member(0).getDistributedObjects().size();

        assertThat(registry.exists("never-created")).isFalse();
        SessionMaps maps = new SessionMaps(cluster.member(0), cluster.policies(), registry);
        assertThatThrownBy(() -> maps.sessions("never-created")).isInstanceOf(SessionGridError.class);

        assertThat(cluster.member(0).getDistributedObjects().stream()
                .filter(o -> o.getName().contains("never-created")).toList()).isEmpty();
        assertThat(cluster.member(0).getDistributedObjects().size()).isLessThanOrEqualTo(before + 1);
    }
}
