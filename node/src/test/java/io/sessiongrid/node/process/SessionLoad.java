package io.sessiongrid.node.process;

import io.sessiongrid.client.Event;
import io.sessiongrid.client.Session;
import io.sessiongrid.client.SessionGridClient;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends through the SDK from several threads and records every acknowledged event, so a scenario
 * can check afterwards that each acknowledged event is stored exactly once.
 */
final class SessionLoad {

    static final String APP = "it";

    private final SessionGridClient client;
    private final int sessions;
    private final Map<Integer, Set<String>> acknowledged = new ConcurrentHashMap<>();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong longestCallMillis = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Future<?>> workers = new ArrayList<>();
    private ExecutorService pool;

    SessionLoad(SessionGridClient client, int sessions) {
        this.client = client;
        this.sessions = sessions;
    }

    void createSessions(int threads) throws Exception {
        ExecutorService creators = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            done.add(creators.submit(() -> {
                for (int i = first; i < sessions; i += threads) {
                    client.createSession(APP, user(i), session(i), Map.of("n", i));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        creators.shutdown();
    }

    /** Starts {@code threads} appending threads; after {@link #stop} it may start again, keeping what was acknowledged. */
    void start(int threads) {
        stop.set(false);
        workers.clear();
        pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(this::appendUntilStopped));
        }
    }

    private void appendUntilStopped() {
        while (!stop.get()) {
            int i = ThreadLocalRandom.current().nextInt(sessions);
            Event event = Event.builder().author("load").stateDelta("last", i).build();
            long began = System.nanoTime();
            try {
                client.appendEvent(APP, user(i), session(i), event);
                acknowledged.computeIfAbsent(i, k -> ConcurrentHashMap.newKeySet()).add(event.id());
            } catch (RuntimeException e) {
                if (failed.incrementAndGet() <= 3) {
                    System.err.println("SessionLoad: an append failed: " + e);
                }
            } finally {
                longestCallMillis.accumulateAndGet((System.nanoTime() - began) / 1_000_000, Math::max);
            }
        }
    }

    void stop() throws Exception {
        stop.set(true);
        for (Future<?> f : workers) {
            f.get();
        }
        pool.shutdown();
    }

    long acknowledgedCount() {
        return acknowledged.values().stream().mapToLong(Set::size).sum();
    }

    long failedCount() {
        return failed.get();
    }

    long longestCallMillis() {
        return longestCallMillis.get();
    }

    /** The longest call so far, starting the count again from zero. */
    long resetLongestCall() {
        return longestCallMillis.getAndSet(0);
    }

    /** Every session exists and holds each acknowledged event exactly once; returns problems found. */
    List<String> verify() {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            Session s;
            try {
                s = client.getSession(APP, user(i), session(i));
            } catch (RuntimeException e) {
                problems.add(session(i) + " unreadable: " + e);
                continue;
            }
            List<String> ids = s.events().stream().map(Event::id).toList();
            Set<String> unique = new HashSet<>(ids);
            if (unique.size() != ids.size()) {
                problems.add(session(i) + " holds a duplicate event");
            }
            for (String id : acknowledged.getOrDefault(i, Set.of())) {
                if (!unique.contains(id)) {
                    problems.add(session(i) + " lost acknowledged event " + id);
                }
            }
        }
        return problems;
    }

    static String user(int i) {
        return "user-" + i;
    }

    static String session(int i) {
        return "session-" + i;
    }
}
