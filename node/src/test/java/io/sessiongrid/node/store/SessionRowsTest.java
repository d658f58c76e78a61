package io.sessiongrid.node.store;

import io.sessiongrid.node.support.RequiresPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sessiongrid.node.session.model.LayerState;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;
import io.sessiongrid.node.session.model.Stamp;
import io.sessiongrid.node.session.model.StoredEvent;
import io.sessiongrid.node.support.StoreDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tables' write rules: incremental, idempotent, ordered by version and stamp. Real PostgreSQL:
 * the local server here, a container in {@link SessionRowsContainerTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RequiresPostgres
class SessionRowsTest {

    private static final AtomicInteger IDS = new AtomicInteger();
    private StoreDatabase db;
    private javax.sql.DataSource dataSource;
    private WriteTransaction transaction;
    private SessionRows rows;

    /** Where the tables live; a twin overrides it. */
    StoreDatabase newDatabase() {
        return StoreDatabase.local();
    }

    @BeforeAll
    void migrate() {
        db = newDatabase();
        dataSource = db.dataSource(true);
        StoreBeans.migrate(dataSource, db.schema());
        transaction = new WriteTransaction(dataSource, Duration.ofSeconds(5), new StoreMetrics(SimpleMeterRegistry::new, null));
        rows = new SessionRows(dataSource, transaction, SessionRows.ExpiryRule.OWN);
    }

    @AfterAll
    void drop() {
        db.close();
    }

    private static SessionKey key() {
        return new SessionKey("rows", "u" + IDS.incrementAndGet(), "s");
    }

    private static void append(SessionRecord record, int n) {
        for (int i = 0; i < n; i++) {
            long v = record.version() + 1;
            record.append(new StoredEvent("e" + v, 100.0 + v, v, 1000.0 + v, ("{\"id\":\"e" + v + "\",\"n\":" + v + "}")
                    .getBytes(StandardCharsets.UTF_8)), Map.of("last", Long.toString(v).getBytes(StandardCharsets.UTF_8)), 0);
        }
    }

    private SessionRows.Written store(SessionKey key, SessionRecord record) throws Exception {
        SessionRows.Written w = rows.store(List.of(new SessionRows.Write(key, record))).get(0);
        record.stored(w.version(), w.dropped());
        return w;
    }

    private long count(SessionKey key) {
        return db.number("SELECT count(*) FROM events WHERE user_id = '" + key.userId() + "'");
    }

    @Test
    void aFlushWritesOnlyTheEventsTheTableLacks() throws Exception {
        SessionKey key = key();
        SessionRecord record = new SessionRecord(10.5, Map.of(), 0, 0);
        append(record, 1000);
        assertThat(store(key, record).events()).isEqualTo(1000);

        append(record, 3);
        assertThat(store(key, record).events()).isEqualTo(3);
        assertThat(store(key, record).events()).isZero();
        assertThat(count(key)).isEqualTo(1003);
        assertThat(db.number("SELECT version FROM sessions WHERE user_id = '" + key.userId() + "'")).isEqualTo(1003);
    }

    @Test
    void aRecordThatDoesNotKnowWhatIsStoredAsksTheTableInsteadOfRewritingTheLog() throws Exception {
        SessionKey key = key();
        SessionRecord record = new SessionRecord(10.5, Map.of(), 0, 0);
        append(record, 50);
        store(key, record);

        // A promoted backup or migrated record: same content, no memory of the store.
        SessionRecord.Parts p = record.parts();
        SessionRecord copy = new SessionRecord(p.createTime(), p.lastUpdateTime(), p.version(), p.state(), p.events(), p.lifecycle());
        assertThat(store(key, copy).events()).isZero();
        append(copy, 1);
        assertThat(store(key, copy).events()).isEqualTo(1);
        assertThat(count(key)).isEqualTo(51);
    }

    @Test
    void aRepeatedFlushOfAnOlderImageNeverOverwritesANewerRow() throws Exception {
        SessionKey key = key();
        SessionRecord record = new SessionRecord(10.5, Map.of(), 0, 0);
        append(record, 2);
        SessionRecord.Parts old = record.parts();
        append(record, 2);
        store(key, record);

        // A copy that knows it stored version 2 flushes again (a double flush at shutdown).
        SessionRecord stale = new SessionRecord(old.createTime(), old.lastUpdateTime(), old.version(), old.state(),
                old.events(), old.lifecycle());
        stale.stored(2, 0);
        store(key, stale);
        assertThat(db.number("SELECT version FROM sessions WHERE user_id = '" + key.userId() + "'")).isEqualTo(4);
        assertThat(count(key)).isEqualTo(4);
        SessionRecord loaded = rows.load(key);
        assertThat(loaded.version()).isEqualTo(4);
        assertThat(new String(loaded.parts().state().get("last"), StandardCharsets.UTF_8)).isEqualTo("4");
    }

    @Test
    void droppedEventsLeaveTheTableToo() throws Exception {
        SessionKey key = key();
        SessionRecord record = new SessionRecord(10.5, Map.of(), 0, 0);
        append(record, 5);
        store(key, record);
        record.append(new StoredEvent("e6", 106, 6, 1006, "{\"id\":\"e6\"}".getBytes(StandardCharsets.UTF_8)), Map.of(), 3);
        store(key, record);

        assertThat(db.number("SELECT min(seq) FROM events WHERE user_id = '" + key.userId() + "'")).isEqualTo(4);
        assertThat(count(key)).isEqualTo(3);
        SessionRecord loaded = rows.load(key);
        assertThat(loaded.parts().events()).extracting(StoredEvent::id).containsExactly("e4", "e5", "e6");
        assertThat(loaded.parts().lifecycle().droppedEvents()).isEqualTo(3);
    }

    @Test
    void aSessionCreatedAgainUnderTheSameKeyReplacesTheOldRowAndLog() throws Exception {
        SessionKey key = key();
        SessionRecord first = new SessionRecord(10.5, Map.of(), 0, 0);
        append(first, 4);
        store(key, first);

        SessionRecord second = new SessionRecord(20.25, Map.of("fresh", "true".getBytes(StandardCharsets.UTF_8)), 0, 0);
        append(second, 1);
        store(key, second);
        SessionRecord loaded = rows.load(key);
        assertThat(loaded.createTime()).isEqualTo(20.25);
        assertThat(loaded.version()).isEqualTo(1);
        assertThat(loaded.parts().events()).extracting(StoredEvent::id).containsExactly("e1");
        assertThat(loaded.parts().state()).containsOnlyKeys("fresh", "last");
    }

    @Test
    void aStagedAppendIsStoredWithItsRecordAndAppliedOnlyAfterward() throws Exception {
        SessionKey key = key();
        SessionRecord record = new SessionRecord(10.5, Map.of(), 0, 0);
        append(record, 1);
        store(key, record);
        record.stage(new StoredEvent("e2", 102, 2, 1002, "{\"id\":\"e2\"}".getBytes(StandardCharsets.UTF_8)),
                Map.of("k", "1".getBytes(StandardCharsets.UTF_8)), 0);
        assertThat(record.version()).isEqualTo(1);

        assertThat(store(key, record).events()).isEqualTo(1);
        record.commitStaged();
        assertThat(record.version()).isEqualTo(2);
        assertThat(rows.load(key).parts().state()).containsKey("k");
    }

    /** What a COMMIT in doubt leaves: the table holds an append at {@code seq} that memory dropped. */
    private void commitInDoubt(SessionKey key, long seq, String eventId) {
        db.execute("INSERT INTO events (app, user_id, session_id, seq, id, timestamp, appended_at, event) VALUES ('"
                + key.app() + "', '" + key.userId() + "', '" + key.sessionId() + "', " + seq + ", '" + eventId
                + "', 1, 1, '{\"id\":\"" + eventId + "\"}')");
        db.execute("UPDATE sessions SET version = " + seq + " WHERE user_id = '" + key.userId() + "'");
    }

    private String storedEventId(SessionKey key, long seq) {
        return db.text("SELECT id FROM events WHERE user_id = '" + key.userId() + "' AND seq = " + seq);
    }

    @Test
    void aFailedStoreLeavesTheRecordAskingTheTableSoAnAppendInDoubtIsReplaced() throws Exception {
        SessionKey key = key();
        SessionRecord record = new SessionRecord(10.5, Map.of(), 0, 0);
        append(record, 3);
        store(key, record);
        record.stage(new StoredEvent("refused", 104, 4, 1004, "{\"id\":\"refused\"}".getBytes(StandardCharsets.UTF_8)),
                Map.of(), 0);
        record.storeFailed();
        commitInDoubt(key, 4, "refused");
        assertThat(record.version()).isEqualTo(3);
        assertThat(record.storedVersion()).isEqualTo(-1);

        // The next append takes version 4 in memory; its flush must replace the refused event.
        record.stage(new StoredEvent("acked", 104, 4, 1004, "{\"id\":\"acked\"}".getBytes(StandardCharsets.UTF_8)),
                Map.of(), 0);
        store(key, record);
        record.commitStaged();

        assertThat(storedEventId(key, 4)).isEqualTo("acked");
        assertThat(count(key)).isEqualTo(4);
        assertThat(rows.load(key).eventIdAt(4)).isEqualTo("acked");
    }

    @Test
    void aSeqHoldingAnotherEventIsReplacedEvenByARecordThatTrustsWhatItStored() throws Exception {
        SessionKey key = key();
        SessionRecord record = new SessionRecord(10.5, Map.of(), 0, 0);
        append(record, 3);
        store(key, record);
        commitInDoubt(key, 4, "refused");

        // The record still believes the table holds version 3: the insert at seq 4 conflicts.
        append(record, 1);
        store(key, record);

        assertThat(storedEventId(key, 4)).isEqualTo("e4");
        assertThat(count(key)).isEqualTo(4);
    }

    @Test
    void aLateWriteThatLostTheRowNeverReplacesTheTablesEvents() throws Exception {
        SessionKey key = key();
        SessionRecord record = new SessionRecord(10.5, Map.of(), 0, 0);
        append(record, 3);
        SessionRecord.Parts old = record.parts();
        store(key, record);
        commitInDoubt(key, 4, "newer");
        db.execute("UPDATE sessions SET version = 5 WHERE user_id = '" + key.userId() + "'");

        // A stale copy (a merge loser, say) that knows version 3 and appended its own event 4.
        SessionRecord stale = new SessionRecord(old.createTime(), old.lastUpdateTime(), old.version(), old.state(),
                old.events(), old.lifecycle());
        stale.stored(3, 0);
        append(stale, 1);
        store(key, stale);

        assertThat(storedEventId(key, 4)).isEqualTo("newer");
    }

    @Test
    void timesAndTheLifecycleRoundTripExactly() throws Exception {
        SessionKey key = key();
        // Created now (its one-hour lifetime must not be over), with a fraction no decimal type keeps exactly.
        SessionRecord record = new SessionRecord(Math.floor(System.currentTimeMillis() / 1000.0) + 0.123456789, Map.of("a", "{\"x\": [1, 2.50]}".getBytes(StandardCharsets.UTF_8)), 3600, 60);
        append(record, 2);
        store(key, record);
        SessionRecord.Parts before = record.parts();
        SessionRecord.Parts after = rows.load(key).parts();
        assertThat(after.createTime()).isEqualTo(before.createTime());
        assertThat(after.lastUpdateTime()).isEqualTo(before.lastUpdateTime());
        assertThat(after.lifecycle()).isEqualTo(before.lifecycle());
        assertThat(new String(after.state().get("a"), StandardCharsets.UTF_8)).isEqualTo("{\"x\":[1,2.50]}");
        assertThat(after.events()).extracting(StoredEvent::timestamp).containsExactly(101.0, 102.0);
    }

    @Test
    void aBatchLoadReturnsWhatSingleLoadsReturnAndSkipsAbsentAndExpiredSessions() throws Exception {
        SessionKey a = new SessionKey("batch", "ann", "s");
        SessionKey b = new SessionKey("batch", "bob", "s");
        SessionKey expired = new SessionKey("batch", "cid", "s");
        for (SessionKey key : List.of(a, b)) {
            SessionRecord record = new SessionRecord(10.5, Map.of("k", "1".getBytes(StandardCharsets.UTF_8)), 0, 0);
            append(record, key == a ? 3 : 1);
            store(key, record);
        }
        // Its own one-second lifetime ended long ago.
        SessionRecord old = new SessionRecord(System.currentTimeMillis() / 1000.0 - 60, Map.of(), 1, 0);
        rows.store(List.of(new SessionRows.Write(expired, old)));

        Map<SessionKey, SessionRecord> loaded = rows.loadAll("batch", List.of(a, b, expired, new SessionKey("batch", "dan", "s")));

        assertThat(loaded).containsOnlyKeys(a, b);
        assertThat(loaded.get(a).parts().events()).extracting(StoredEvent::id).containsExactly("e1", "e2", "e3");
        assertThat(loaded.get(a).parts()).usingRecursiveComparison().isEqualTo(rows.load(a).parts());
        assertThat(loaded.get(b).version()).isEqualTo(1);
        assertThat(rows.load(expired)).isNull();
    }

    @Test
    void memoryWinsOverEventsTheTableHoldsBeyondIt() throws Exception {
        SessionKey key = key();
        SessionRecord primary = new SessionRecord(10.5, Map.of(), 0, 0);
        append(primary, 4);
        SessionRecord.Parts backup = primary.parts();
        append(primary, 1);
        store(key, primary);  // e5 stored, then the owner died before its backup learned of it

        SessionRecord promoted = new SessionRecord(backup.createTime(), backup.lastUpdateTime(), backup.version(),
                backup.state(), backup.events(), backup.lifecycle());
        promoted.append(new StoredEvent("other", 300, 5, 1300, "{\"id\":\"other\"}".getBytes(StandardCharsets.UTF_8)),
                Map.of("last", "\"other\"".getBytes(StandardCharsets.UTF_8)), 0);
        store(key, promoted);

        SessionRecord loaded = rows.load(key);
        assertThat(loaded.parts().events()).extracting(StoredEvent::id).containsExactly("e1", "e2", "e3", "e4", "other");
        assertThat(new String(loaded.parts().state().get("last"), StandardCharsets.UTF_8)).isEqualTo("\"other\"");
        assertThat(count(key)).isEqualTo(5);
    }

    @Test
    void aLateWriteOfAnEarlierSessionUnderTheSameKeyChangesNothing() throws Exception {
        SessionKey key = key();
        SessionRecord earlier = new SessionRecord(10.5, Map.of(), 0, 0);
        append(earlier, 3);
        SessionRecord later = new SessionRecord(20.5, Map.of(), 0, 0);
        append(later, 1);
        store(key, later);

        store(key, earlier);
        SessionRecord loaded = rows.load(key);
        assertThat(loaded.createTime()).isEqualTo(20.5);
        assertThat(loaded.parts().events()).extracting(StoredEvent::id).containsExactly("e1");
    }

    @Test
    void anEventIdDroppedAndUsedAgainIsStored() throws Exception {
        SessionKey key = key();
        SessionRecord record = new SessionRecord(10.5, Map.of(), 0, 0);
        append(record, 3);
        store(key, record);
        // DROP_OLDEST forgot e1; a new event may carry that id again.
        record.append(new StoredEvent("e1", 104, 4, 1004, "{\"id\":\"e1\",\"again\":true}".getBytes(StandardCharsets.UTF_8)),
                Map.of(), 1);
        store(key, record);
        assertThat(rows.load(key).parts().events()).extracting(StoredEvent::version).containsExactly(2L, 3L, 4L);
        assertThat(count(key)).isEqualTo(3);
    }

    @Test
    void theRowExpiresAtCreatePlusTtlHoweverLateItsWritesOrAtLastAccessPlusIdle() throws Exception {
        SessionKey ttl = key();
        SessionRecord lived = new SessionRecord(1_764_000_000.25, Map.of(), 3600, 0);
        store(ttl, lived);
        append(lived, 2);
        lived.touch(1_764_000_900.0);
        store(ttl, lived);
        assertThat(db.number("SELECT (extract(epoch from expires_at) * 1000)::bigint FROM sessions WHERE user_id = '"
                + ttl.userId() + "'")).isEqualTo(1_764_003_600_250L);

        SessionKey idle = key();
        SessionRecord used = new SessionRecord(1_764_000_000.0, Map.of(), 3600, 60);
        used.touch(1_764_000_100.5);
        store(idle, used);
        assertThat(db.number("SELECT (extract(epoch from expires_at) * 1000)::bigint FROM sessions WHERE user_id = '"
                + idle.userId() + "'")).isEqualTo(1_764_000_160_500L);
    }

    @Test
    void aLateLayerWriteKeepsEachKeysNewestValue() throws Exception {
        LayerRows layers = new LayerRows(dataSource, transaction);
        LayerState newer = new LayerState();
        newer.apply(Map.of("theme", "\"dark\"".getBytes(StandardCharsets.UTF_8)), new Stamp(200, "u\u0000s", 2));
        LayerState older = new LayerState();
        older.apply(Map.of("theme", "\"light\"".getBytes(StandardCharsets.UTF_8), "lang", "\"fi\"".getBytes(StandardCharsets.UTF_8)),
                new Stamp(100, "u\u0000s", 1));
        layers.store(LayerRows.Table.APP, List.of(new LayerRows.Write(List.of("layer-app"), newer)));
        layers.store(LayerRows.Table.APP, List.of(new LayerRows.Write(List.of("layer-app"), older)));

        LayerState stored = layers.load(LayerRows.Table.APP, List.of("layer-app"));
        assertThat(new String(stored.values().get("theme"), StandardCharsets.UTF_8)).isEqualTo("\"dark\"");
        assertThat(new String(stored.values().get("lang"), StandardCharsets.UTF_8)).isEqualTo("\"fi\"");
        assertThat(stored.stampedValues().get("theme").stamp()).isEqualTo(new Stamp(200, "u\u0000s", 2));
    }

    @Test
    void layersLoadManyAtOnce() throws Exception {
        LayerRows layers = new LayerRows(dataSource, transaction);
        for (String user : List.of("ua", "ub")) {
            LayerState layer = new LayerState();
            layer.apply(Map.of("lang", ("\"" + user + "\"").getBytes(StandardCharsets.UTF_8)), new Stamp(1, "x\u0000y", 1));
            layers.store(LayerRows.Table.USER, List.of(new LayerRows.Write(List.of("many", user), layer)));
        }
        Map<String, LayerState> loaded = layers.loadAll(LayerRows.Table.USER, "many", List.of("ua", "ub", "uc"));
        assertThat(loaded).containsOnlyKeys("ua", "ub");
        assertThat(new String(loaded.get("ub").values().get("lang"), StandardCharsets.UTF_8)).isEqualTo("\"ub\"");
        assertThat(loaded.get("ua").stampedValues().get("lang").stamp()).isEqualTo(new Stamp(1, "x\u0000y", 1));
        assertThat(layers.loadAll(LayerRows.Table.APP, null, List.of("nothing-here"))).isEmpty();
    }

    @Test
    void twoMembersMigratingAFreshSchemaAtOnceApplyItOnce() {
        try (StoreDatabase fresh = newDatabase()) {
            javax.sql.DataSource ds = fresh.dataSource(false);
            CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> StoreBeans.migrate(ds, fresh.schema()).migrationsExecuted);
            CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> StoreBeans.migrate(ds, fresh.schema()).migrationsExecuted);
            assertThat(a.join() + b.join()).isEqualTo(1);
            assertThat(fresh.number("SELECT count(*) FROM flyway_schema_history WHERE success AND type = 'SQL'")).isEqualTo(1);
            assertThat(fresh.number("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + fresh.schema()
                    + "' AND table_name IN ('sessions', 'events', 'app_states', 'user_states')")).isEqualTo(4);
        }
    }
}
