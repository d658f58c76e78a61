package io.sessiongrid.bench.store;

import io.sessiongrid.node.support.RequiresService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Against a real Redis: 127.0.0.1:6379, or host:port from SESSIONGRID_BENCH_REDIS. */
@RequiresService(name = "Redis", env = "SESSIONGRID_BENCH_REDIS", address = "127.0.0.1:6379")
class RedisStoreTest extends SessionStoreContract {

    private static String host;
    private static int port;
    private static RedisStore store;

    @BeforeAll
    static void open() {
        String target = System.getenv().getOrDefault("SESSIONGRID_BENCH_REDIS", "127.0.0.1:6379");
        int colon = target.lastIndexOf(':');
        host = target.substring(0, colon);
        port = Integer.parseInt(target.substring(colon + 1));
        store = new RedisStore(host, port, 4);
    }

    /** Removes only this class's keys: the Redis may be shared, so no reset(). */
    @AfterAll
    static void close() {
        store.close();
        try (RedisClient raw = RedisClient.create(host, port)) {
            ScanParams params = new ScanParams().match("sg:{" + TEST_APP_PREFIX + "*").count(1000);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = raw.scan(cursor, params);
                if (!page.getResult().isEmpty()) {
                    raw.unlink(page.getResult().toArray(String[]::new));
                }
                cursor = page.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        }
    }

    @Override
    protected SessionStore store() {
        return store;
    }

    @Test
    void idleSessionExpiresWithAllItsKeys() throws InterruptedException {
        SessionRef ref = newRef();
        long start = System.nanoTime();
        store.create(ref, Map.of("a", "1"), Duration.ZERO, Duration.ofSeconds(1));
        store.append(ref, plainEvent());
        assertThat(store.get(ref, 10, false).found()).isTrue();

        sleepUntil(start, 1500);

        assertThat(awaitAbsent(ref, start + 3_000_000_000L)).isTrue();
        try (RedisClient raw = RedisClient.create(host, port)) {
            // Session hash, events and ids all went; user and app state never expire.
            assertThat(raw.exists(RedisStore.keys(ref).subList(0, 3).toArray(String[]::new))).isZero();
        }
    }

    @Test
    void touchingKeepsAnIdleSessionAlive() throws InterruptedException {
        SessionRef ref = newRef();
        long start = System.nanoTime();
        store.create(ref, Map.of(), Duration.ZERO, Duration.ofSeconds(1));

        for (int i = 1; i <= 5; i++) {
            sleepUntil(start, 400L * i);
            assertThat(store.get(ref, 10, true).found()).as("touch %d", i).isTrue();
        }
        // 2 s after create, well past 1.5 s.
        assertThat(store.get(ref, 10, false).found()).isTrue();
    }

    @Test
    void touchingNeverExtendsPastTheAbsoluteTtl() throws InterruptedException {
        SessionRef ref = newRef();
        long start = System.nanoTime();
        store.create(ref, Map.of(), Duration.ofSeconds(1), Duration.ofSeconds(10));

        for (int i = 1; i <= 2; i++) {
            sleepUntil(start, 300L * i);
            assertThat(store.get(ref, 10, true).found()).isTrue();
            store.append(ref, plainEvent());
        }
        sleepUntil(start, 1500);

        assertThat(awaitAbsent(ref, start + 3_000_000_000L)).isTrue();
    }

    /** Polls without touching until the session is gone or the deadline (System.nanoTime) passes. */
    private static boolean awaitAbsent(SessionRef ref, long deadline) throws InterruptedException {
        while (store.get(ref, 10, false).found()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private static void sleepUntil(long start, long millis) throws InterruptedException {
        long left = start + millis * 1_000_000L - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000L, (int) (left % 1_000_000L));
        }
    }
}
