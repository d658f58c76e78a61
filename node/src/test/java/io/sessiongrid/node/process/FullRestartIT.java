package io.sessiongrid.node.process;

import io.sessiongrid.node.support.RequiresPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.node.support.StoreDatabase;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * Scenario 3: the whole cluster goes away and comes back from the durable tier. Three node processes
 * share one store schema and serve a WRITE_THROUGH app ({@code wt}, eager load) and a WRITE_BEHIND app
 * ({@code wb}, write-delay 1s, loaded on first access: eager-load-window 0s); both have a 1h TTL. Load:
 * sequential appends per session from several threads, each event setting a session, a user and an
 * app key.
 * <ol>
 * <li>(a) SIGTERM to all three at once right after the load stops (write-behind changes still
 * pending), then three new processes: every acknowledged event of both apps is back, exactly and in
 * order, app and user state are what was read before the stop, create time and TTL are unchanged.</li>
 * <li>(b) SIGKILL to all three at once under load, then three new processes: every acknowledged
 * WRITE_THROUGH event is back; what WRITE_BEHIND lost (at most its last write-delay) is reported.</li>
 * </ol>
 * Known: the stored {@code sessions.expires_at} is the last write + TTL, not create time + TTL (memory keeps
 * the absolute TTL, and so does a load, from {@code create_time}); the figure is printed, not asserted.
 */
@RequiresPostgres
class FullRestartIT {

    private static final String WT = "wt";
    private static final String WB = "wb";
    private static final int SESSIONS_PER_APP = 150;
    private static final int THREADS = 4;
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(90);
    /**
     * Rows whose expires_at is not create_time + the 1h TTL (to the second: Hazelcast counts in ms). Reported,
     * not asserted: the stored expires_at follows the last write, not the create (see the class comment).
     */
    private static final String WRONG_EXPIRY = "SELECT count(*) FROM sessions WHERE expires_at IS NULL"
            + " OR abs(extract(epoch FROM expires_at) - (create_time + 3600)) > 1";

    /** Where the store lives; the container twin overrides it. */
    StoreDatabase newDatabase() {
        return StoreDatabase.local();
    }

    @Test
    void aFullStopAndAFullCrashLoseNoAcknowledgedDurableWrite() throws Exception {
        try (StoreDatabase db = newDatabase()) {
            Map<String, String> properties = new HashMap<>();
            db.nodeProperties().forEach((k, v) -> properties.put(k, String.valueOf(v)));
            properties.put("sessiongrid.apps.wt.durability", "WRITE_THROUGH");
            properties.put("sessiongrid.apps.wt.ttl", "1h");
            properties.put("sessiongrid.apps.wb.durability", "WRITE_BEHIND");
            properties.put("sessiongrid.apps.wb.write-delay", "1s");
            properties.put("sessiongrid.apps.wb.ttl", "1h");
            properties.put("sessiongrid.apps.wb.eager-load-window", "0s");
            SoftAssertions softly = new SoftAssertions();
            long started = System.nanoTime();
            try (ProcessCluster cluster = new ProcessCluster("fullrestart", 3, properties);
                 SessionGridClient client = cluster.client()) {
                DurableLoad load = new DurableLoad(client, List.of(WT, WB), SESSIONS_PER_APP);
                load.createSessions(THREADS);
                gracefulStop(cluster, client, load, db, softly);
                crash(cluster, load, db, softly);
            }
            System.out.printf("FullRestartIT: %.1f s in all%n", (System.nanoTime() - started) / 1e9);
            softly.assertAll();
        }
    }

    private void gracefulStop(ProcessCluster cluster, SessionGridClient client, DurableLoad load, StoreDatabase db,
                              SoftAssertions softly) throws Exception {
        long loadStarted = System.nanoTime();
        load.start(THREADS);
        await().atMost(Duration.ofSeconds(60)).until(() -> load.acknowledgedCount(WT) >= 1_000 && load.acknowledgedCount(WB) >= 1_000);
        load.stop();
        double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
        Map<String, Map<String, JsonNode>> appStates = new HashMap<>();
        Map<String, Map<String, JsonNode>> userStates = new HashMap<>();
        readStates(client, load, appStates, userStates);
        // One more event per write-behind session (session key only), so that the stop finds changes pending.
        load.appendToEach(WB, THREADS);
        long wbStoredAtStop = db.number("SELECT count(*) FROM events WHERE app = 'wb'");

        long stopping = System.nanoTime();
        List<Integer> exits = cluster.stopAll(STOP_PATIENCE);
        double stopSeconds = (System.nanoTime() - stopping) / 1e9;
        long wbStoredAfterStop = db.number("SELECT count(*) FROM events WHERE app = 'wb'");
        long wtStored = db.number("SELECT count(*) FROM events WHERE app = 'wt'");

        long restarting = System.nanoTime();
        cluster.restartAll();
        double restartSeconds = (System.nanoTime() - restarting) / 1e9;
        String readiness = components(cluster.node(0).readiness().body(), "initialLoad", "store");

        List<String> problems = new ArrayList<>();
        problems.addAll(load.verifyExact(WT, THREADS));
        problems.addAll(load.verifyExact(WB, THREADS));
        Map<String, Map<String, JsonNode>> appStatesAfter = new HashMap<>();
        Map<String, Map<String, JsonNode>> userStatesAfter = new HashMap<>();
        readStates(client, load, appStatesAfter, userStatesAfter);
        long wrongExpiry = db.number(WRONG_EXPIRY);

        System.out.printf("FullRestartIT (a) graceful: %d acknowledged appends (wt %d, wb %d) in %.1f s, %d failed calls,"
                        + " longest call %d ms; wb events stored at SIGTERM %d, after %d; wt stored %d; stop %.1f s"
                        + " (exit codes %s), restart %.1f s; %d problems, %d rows with wrong expires_at%n",
                load.acknowledgedCount(), load.acknowledgedCount(WT), load.acknowledgedCount(WB), loadSeconds,
                load.failedCount(), load.longestCallMillis(), wbStoredAtStop, wbStoredAfterStop, wtStored, stopSeconds,
                exits, restartSeconds, problems.size(), wrongExpiry);
        System.out.println("FullRestartIT (a) readiness of the first node after the restart: " + readiness);
        problems.stream().limit(20).forEach(p -> System.out.println("  (a) " + p));

        softly.assertThat(load.failedCount()).as("(a) failed calls before the stop").isZero();
        softly.assertThat(wtStored).as("(a) wt events in the store").isEqualTo(load.acknowledgedCount(WT));
        softly.assertThat(wbStoredAfterStop).as("(a) wb events in the store after the stop").isEqualTo(load.acknowledgedCount(WB));
        softly.assertThat(problems).as("(a) sessions after the restart").isEmpty();
        softly.assertThat(appStatesAfter).as("(a) app state after the restart").isEqualTo(appStates);
        softly.assertThat(userStatesAfter).as("(a) user state after the restart").isEqualTo(userStates);
        softly.assertThat(wrongExpiry).as("(a) rows whose expires_at is not create + TTL").isZero();
    }

    private void crash(ProcessCluster cluster, DurableLoad load, StoreDatabase db, SoftAssertions softly) throws Exception {
        long failedBefore = load.failedCount();
        long wtBefore = load.acknowledgedCount(WT);
        long wbBefore = load.acknowledgedCount(WB);
        load.start(THREADS);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> load.acknowledgedCount(WT) >= wtBefore + 600 && load.acknowledgedCount(WB) >= wbBefore + 600);
        long crash = System.nanoTime();
        cluster.killAll();
        load.stop();
        long uncertain = load.failedCount() - failedBefore;
        long wtStored = db.number("SELECT count(*) FROM events WHERE app = 'wt'");
        long wbStored = db.number("SELECT count(*) FROM events WHERE app = 'wb'");

        long restarting = System.nanoTime();
        cluster.restartAll();
        double restartSeconds = (System.nanoTime() - restarting) / 1e9;

        List<String> problems = new ArrayList<>(load.verifyAcknowledged(WT, THREADS));
        List<String> wbProblems = new ArrayList<>();
        DurableLoad.Loss wbLost = load.lostAcknowledged(WB, THREADS, crash, wbProblems);
        long wrongExpiry = db.number(WRONG_EXPIRY);

        System.out.printf("FullRestartIT (b) kill -9: %d acknowledged appends in all (wt %d, wb %d), %d calls failed"
                        + " at the kill; stored wt %d, wb %d; restart %.1f s; wt problems %d; wb lost %d acknowledged"
                        + " event(s) (write-behind, allowed), the oldest acknowledged %d ms before the kill; wb problems %d;"
                        + " %d rows with wrong expires_at%n",
                load.acknowledgedCount(), load.acknowledgedCount(WT), load.acknowledgedCount(WB), uncertain, wtStored,
                wbStored, restartSeconds, problems.size(), wbLost.events(), wbLost.oldestMillisBeforeCrash(),
                wbProblems.size(), wrongExpiry);
        problems.stream().limit(20).forEach(p -> System.out.println("  (b) wt " + p));
        wbProblems.stream().limit(20).forEach(p -> System.out.println("  (b) wb " + p));

        softly.assertThat(problems).as("(b) wt sessions after the crash").isEmpty();
        softly.assertThat(wbProblems).as("(b) wb sessions after the crash (consistency, not loss)").isEmpty();
        softly.assertThat(wrongExpiry).as("(b) rows whose expires_at is not create + TTL").isZero();
    }

    /** The named components of a health answer, e.g. {@code "store":{...,"details":{...}}}. */
    private static String components(String health, String... names) {
        List<String> found = new ArrayList<>();
        for (String name : names) {
            Matcher m = Pattern.compile("\"" + name + "\":\\{[^{}]*\\{[^{}]*\\}\\}").matcher(health);
            found.add(m.find() ? m.group() : "\"" + name + "\": absent");
        }
        return String.join(", ", found);
    }

    private static void readStates(SessionGridClient client, DurableLoad load, Map<String, Map<String, JsonNode>> apps,
                                   Map<String, Map<String, JsonNode>> users) {
        for (Map.Entry<String, Set<String>> e : load.usersByApp().entrySet()) {
            apps.put(e.getKey(), client.getAppState(e.getKey()));
            for (String user : e.getValue()) {
                users.put(e.getKey() + "/" + user, client.getUserState(e.getKey(), user));
            }
        }
    }
}
