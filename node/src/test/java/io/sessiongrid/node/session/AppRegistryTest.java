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
        // Configured apps and apps already admitted pass at the bound.
        first.admit("configured");
        String someAdmitted = null;
        for (int i = 0; i < 40 && someAdmitted == null; i++) {
            if (first.exists("bound-" + i) || second.exists("bound-" + i)) {
                someAdmitted = "bound-" + i;
            }
        }
        assertThat(someAdmitted).isNotNull();
        first.admit(someAdmitted);
        second.admit(someAdmitted);
        assertThatThrownBy(() -> second.admit("one-more")).isInstanceOf(SessionGridError.class)
                .hasMessageContaining("limit of 5 apps");
    }

    @Test
    void anAppIsKnownToEveryMemberOnceItsMapsExistAndStoredAppsAreRealWhateverTheBound() {
        // No bound here: the test above filled the cluster's count.
        AppRegistry first = new AppRegistry(cluster.member(0), app -> false, 0);
        AppRegistry second = new AppRegistry(cluster.member(1), app -> false, 0);
        SessionMaps firstMaps = new SessionMaps(cluster.member(0), cluster.policies(), first);
        firstMaps.admit("made-on-first");
        firstMaps.sessions("made-on-first");

        assertThat(second.exists("made-on-first")).isTrue();

        // A member whose store holds apps answers "exists" for every name until it registered them.
        AppRegistry loading = new AppRegistry(cluster.member(1), app -> false, 0, false);
        assertThat(loading.exists("anything")).isTrue();
        new SessionMaps(cluster.member(1), cluster.policies(), loading).register(List.of("from-the-store", "also-stored"));
        assertThat(loading.exists("anything")).isFalse();
        assertThat(first.exists("from-the-store")).isTrue();
        assertThat(first.exists("also-stored")).isTrue();
    }

    @Test
    void aNameNobodyCreatedDoesNotExistAndAskingMakesNothing() {
        AppRegistry registry = new AppRegistry(cluster.member(0), app -> false, 0);
        int objects = cluster.member(0).getDistributedObjects().size();
        int configs = cluster.member(0).getConfig().getMapConfigs().size();

        assertThat(registry.exists("never-created")).isFalse();
        assertThat(new AppRegistry(cluster.member(1), app -> false, 0).exists("never-created")).isFalse();

        assertThat(cluster.member(0).getDistributedObjects()).hasSize(objects);
        assertThat(cluster.member(0).getConfig().getMapConfigs()).hasSize(configs);
    }
}
