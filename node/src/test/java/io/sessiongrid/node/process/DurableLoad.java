package io.sessiongrid.node.process;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessiongrid.client.Event;
import io.sessiongrid.client.Session;
import io.sessiongrid.client.SessionGridClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Appends through the SDK from several threads to the sessions of several apps, with a state delta
 * in all three layers, and records per session every acknowledged event in order, so a scenario can
 * check after a full restart exactly what came back.
 *
 * <p>Each session belongs to one thread, so its appends are sequential and the acknowledged order is
 * the session's order. Event {@code n} of a session (n = 1, 2, ...) has id {@code <session>-e<n>} and
 * sets {@code last}, {@code user:<session>} and {@code app:<session>} to n; the user and app keys are
 * the session's own, so their last value is well defined too. A session's user shares
 * {@code user:name} with its other sessions, and every session of an app reads {@code app:theme}.
 * {@link #appendToEach} appends events that set only {@code last}, leaving user and app state as they were.
 */
final class DurableLoad {

    static final int SESSIONS_PER_USER = 3;

    /** One session and what happened to it; only its owning thread writes it while the load runs. */
    static final class Track {
        final String app;
        final String user;
        final String id;
        final List<String> acknowledged = new ArrayList<>();
        /** When each acknowledged event's call returned (System.nanoTime), in the same order. */
        final List<Long> acknowledgedAt = new ArrayList<>();
        /** Events sent whose call failed (each may or may not be stored), with the layer value each would set. */
        final Map<String, Long> uncertain = new HashMap<>();
        /** The n that {@code user:<session>} and {@code app:<session>} hold: that of the last acknowledged event setting them. */
        long layerValue;
        long nextEvent = 1;
        double createTime;
        Duration ttl;

        Track(String app, String user, String id) {
            this.app = app;
            this.user = user;
            this.id = id;
        }

        String eventId(long n) {
            return id + "-e" + n;
        }

        @Override
        public String toString() {
            return app + "/" + user + "/" + id;
        }
    }

    private final SessionGridClient client;
    private final List<Track> tracks = new ArrayList<>();
    private final Map<String, AtomicLong> acknowledgedPerApp = new ConcurrentHashMap<>();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong longestCallMillis = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Future<?>> workers = new ArrayList<>();
    private ExecutorService pool;

    DurableLoad(SessionGridClient client, List<String> apps, int sessionsPerApp) {
        this.client = client;
        // Interleaved, so that every thread owns sessions of every app.
        for (int i = 0; i < sessionsPerApp; i++) {
            for (String app : apps) {
                tracks.add(new Track(app, "u-" + i / SESSIONS_PER_USER, "s-" + i));
            }
        }
        apps.forEach(app -> acknowledgedPerApp.put(app, new AtomicLong()));
    }

    List<Track> tracks() {
        return tracks;
    }

    List<Track> tracks(String app) {
        return tracks.stream().filter(t -> t.app.equals(app)).toList();
    }

    /** Every (app, user) the load writes, once. */
    Map<String, Set<String>> usersByApp() {
        Map<String, Set<String>> users = new HashMap<>();
        tracks.forEach(t -> users.computeIfAbsent(t.app, a -> new TreeSet<>()).add(t.user));
        return users;
    }

    void createSessions(int threads) throws Exception {
        runOnThreads(threads, t -> {
            Session s = client.createSession(t.app, t.user, t.id, Map.of("last", 0, "user:" + t.id, 0, "app:" + t.id, 0,
                    "user:name", t.user, "app:theme", "dark"));
            t.createTime = s.createTime();
            t.ttl = s.ttl();
        });
    }

    /** Starts {@code threads} appenders; thread k owns every session whose index is k modulo {@code threads}. */
    void start(int threads) {
        stop.set(false);
        workers.clear();
        pool = Executors.newFixedThreadPool(threads);
        for (int k = 0; k < threads; k++) {
            List<Track> own = owned(k, threads);
            workers.add(pool.submit(() -> appendUntilStopped(own)));
        }
    }

    private List<Track> owned(int k, int threads) {
        List<Track> own = new ArrayList<>();
        for (int i = k; i < tracks.size(); i += threads) {
            own.add(tracks.get(i));
        }
        return own;
    }

    private void appendUntilStopped(List<Track> own) {
        while (!stop.get()) {
            Track t = own.get(ThreadLocalRandom.current().nextInt(own.size()));
            long n = t.nextEvent++;
            append(t, true);
        }
    }

    /** Appends one event to every session of {@code app} that sets only the session key {@code last} (user and app state stay). */
    void appendToEach(String app, int threads) throws Exception {
        runOnThreads(threads, t -> {
            if (t.app.equals(app)) {
                append(t, false);
            }
        });
    }

    private void append(Track t, boolean allLayers) {
        long n = t.nextEvent++;
        Event.Builder builder = Event.builder().id(t.eventId(n)).author("load").stateDelta("last", n);
        if (allLayers) {
            builder.stateDelta("user:" + t.id, n).stateDelta("app:" + t.id, n);
        }
        Event event = builder.build();
        long began = System.nanoTime();
        try {
            client.appendEvent(t.app, t.user, t.id, event);
            t.acknowledged.add(event.id());
            t.acknowledgedAt.add(System.nanoTime());
            if (allLayers) {
                t.layerValue = n;
            }
            acknowledgedPerApp.get(t.app).incrementAndGet();
        } catch (RuntimeException e) {
            t.uncertain.put(event.id(), allLayers ? n : t.layerValue);
            failed.incrementAndGet();
        } finally {
            longestCallMillis.accumulateAndGet((System.nanoTime() - began) / 1_000_000, Math::max);
        }
    }

    /** Stops the appenders and waits for their calls in flight (a failed one counts as uncertain). */
    void stop() throws Exception {
        stop.set(true);
        for (Future<?> f : workers) {
            f.get();
        }
        pool.shutdown();
    }

    long acknowledgedCount() {
        return acknowledgedPerApp.values().stream().mapToLong(AtomicLong::get).sum();
    }

    long acknowledgedCount(String app) {
        return acknowledgedPerApp.get(app).get();
    }

    long failedCount() {
        return failed.get();
    }

    long longestCallMillis() {
        return longestCallMillis.get();
    }

    /**
     * Exactly what was acknowledged came back: the event ids in order, version = number of events, the
     * three layers at the last acknowledged event, create time and TTL as at the create. Returns problems.
     */
    List<String> verifyExact(String app, int threads) throws Exception {
        return verify(app, threads, (t, s, ids) -> {
            List<String> problems = new ArrayList<>();
            if (!ids.equals(t.acknowledged)) {
                problems.add(t + " holds events " + describe(ids) + " but " + describe(t.acknowledged) + " were acknowledged");
            }
            problems.addAll(layers(t, s, Set.of(t.layerValue)));
            return problems;
        });
    }

    /**
     * Every acknowledged event came back in order; beyond them the session holds only events whose call
     * failed (stored, answer lost). Layers hold the last acknowledged value or the session's last event's.
     */
    List<String> verifyAcknowledged(String app, int threads) throws Exception {
        return verify(app, threads, (t, s, ids) -> {
            List<String> problems = new ArrayList<>();
            int acked = t.acknowledged.size();
            if (ids.size() < acked || !ids.subList(0, acked).equals(t.acknowledged)) {
                problems.add(t + " holds events " + describe(ids) + " but " + describe(t.acknowledged) + " were acknowledged");
            } else if (!t.uncertain.keySet().containsAll(ids.subList(acked, ids.size()))) {
                problems.add(t + " holds events never sent after the acknowledged ones: " + ids.subList(acked, ids.size()));
            }
            Set<Long> allowed = new HashSet<>(Set.of(t.layerValue));
            if (!ids.isEmpty() && t.uncertain.containsKey(ids.get(ids.size() - 1))) {
                allowed.add(t.uncertain.get(ids.get(ids.size() - 1)));
            }
            problems.addAll(layers(t, s, allowed));
            return problems;
        });
    }

    /** What a crash cost an app: acknowledged events lost, and how long before the crash the oldest was acknowledged. */
    record Loss(long events, long oldestMillisBeforeCrash) {
    }

    /**
     * Acknowledged events of {@code app} its sessions do not hold (write-behind may lose some on a crash
     * at {@code crashNanos}); adds to {@code problems} sessions whose stored image is inconsistent.
     */
    Loss lostAcknowledged(String app, int threads, long crashNanos, List<String> problems) throws Exception {
        AtomicLong lost = new AtomicLong();
        AtomicLong oldest = new AtomicLong();
        problems.addAll(verify(app, threads, (t, s, ids) -> {
            Set<String> held = new HashSet<>(ids);
            for (int i = 0; i < t.acknowledged.size(); i++) {
                if (!held.contains(t.acknowledged.get(i))) {
                    lost.incrementAndGet();
                    oldest.accumulateAndGet((crashNanos - t.acknowledgedAt.get(i)) / 1_000_000, Math::max);
                }
            }
            // What is stored must still be a consistent image: only events sent, in the order sent.
            List<String> sent = new ArrayList<>();
            for (long n = 1; n < t.nextEvent; n++) {
                sent.add(t.eventId(n));
            }
            if (!sent.containsAll(ids) || !ids.equals(sent.stream().filter(held::contains).toList())) {
                return List.of(t + " holds events out of order or never sent: " + describe(ids));
            }
            return List.of();
        }));
        return new Loss(lost.get(), oldest.get());
    }

    @FunctionalInterface
    private interface Check {
        List<String> check(Track track, Session session, List<String> eventIds);
    }

    private List<String> verify(String app, int threads, Check check) throws Exception {
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        List<Track> tracks = tracks(app);
        ExecutorService readers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int k = 0; k < threads; k++) {
                int first = k;
                done.add(readers.submit(() -> {
                    for (int i = first; i < tracks.size(); i += threads) {
                        Track t = tracks.get(i);
                        Session s;
                        try {
                            s = client.getSession(t.app, t.user, t.id);
                        } catch (RuntimeException e) {
                            problems.add(t + " unreadable: " + e);
                            continue;
                        }
                        List<String> ids = s.events().stream().map(Event::id).toList();
                        if (new HashSet<>(ids).size() != ids.size()) {
                            problems.add(t + " holds a duplicate event: " + describe(ids));
                        }
                        if (s.version() != ids.size()) {
                            problems.add(t + " has version " + s.version() + " but " + ids.size() + " events");
                        }
                        if (s.createTime() != t.createTime) {
                            problems.add(t + " was created at " + t.createTime + " but now says " + s.createTime());
                        }
                        if (!Objects.equals(s.ttl(), t.ttl)) {
                            problems.add(t + " had ttl " + t.ttl + " but now " + s.ttl());
                        }
                        problems.addAll(check.check(t, s, ids));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            readers.shutdown();
        }
        return problems;
    }

    /** The session's own, user and app key hold one of {@code allowed}; {@code last} matches its log. */
    private static List<String> layers(Track t, Session s, Set<Long> allowed) {
        List<String> problems = new ArrayList<>();
        long lastInLog = s.events().isEmpty() ? 0 : s.events().get(s.events().size() - 1).stateDelta().get("last").asLong();
        checkValue(problems, t, s, "last", Set.of(lastInLog));
        checkValue(problems, t, s, "user:" + t.id, allowed);
        checkValue(problems, t, s, "app:" + t.id, allowed);
        if (!s.state().containsKey("user:name") || !s.state().get("user:name").asText().equals(t.user)) {
            problems.add(t + " lost user:name: " + s.state().get("user:name"));
        }
        if (!s.state().containsKey("app:theme") || !s.state().get("app:theme").asText().equals("dark")) {
            problems.add(t + " lost app:theme: " + s.state().get("app:theme"));
        }
        return problems;
    }

    private static void checkValue(List<String> problems, Track t, Session s, String key, Set<Long> allowed) {
        JsonNode value = s.state().get(key);
        if (value == null || !value.canConvertToLong() || !allowed.contains(value.asLong())) {
            problems.add(t + " has " + key + " = " + value + ", expected one of " + allowed);
        }
    }

    private static String describe(List<String> ids) {
        return ids.size() <= 6 ? ids.toString() : ids.size() + " ids " + ids.subList(0, 3) + "..." + ids.subList(ids.size() - 3, ids.size());
    }

    private void runOnThreads(int threads, Consumer<Track> action) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int k = 0; k < threads; k++) {
                List<Track> own = owned(k, threads);
                done.add(pool.submit(() -> own.forEach(action)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
