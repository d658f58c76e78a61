package io.sessiongrid.node.memory;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.OutOfMemoryHandler;

/**
 * Makes an {@link OutOfMemoryError} end the process, whatever command line started it
 * ({@code -XX:+ExitOnOutOfMemoryError} cannot be switched on from inside). After one, Hazelcast's
 * migration, invocation-monitor or cluster-safety threads may be dead while {@code /health} still says
 * UP: a zombie member that holds partitions and answers nothing. Halting closes its sockets, so the
 * other members drop it within a heartbeat and promote its backups. The error can surface in three
 * places, and each hands it here: Hazelcast's own threads ({@link Hazelcast#setOutOfMemoryHandler}),
 * any thread that dies of it (the default uncaught-exception handler) and a request that failed with
 * it (the HTTP layer's 500 path).
 */
public final class OutOfMemoryExit {

    /** The exit code of {@code -XX:+ExitOnOutOfMemoryError}. */
    public static final int EXIT_CODE = 3;

    private static volatile boolean enabled;
    private static final java.util.concurrent.atomic.AtomicBoolean INSTALLED = new java.util.concurrent.atomic.AtomicBoolean();

    private OutOfMemoryExit() {
    }

    /** Installs the handlers; called before the member starts. */
    public static void install(boolean enable) {
        enabled = enable;
        // Once per JVM: several nodes in one JVM (tests) must not chain the handler again and again.
        if (!enable || !INSTALLED.compareAndSet(false, true)) {
            return;
        }
        Hazelcast.setOutOfMemoryHandler(new OutOfMemoryHandler() {
            @Override
            public void onOutOfMemory(OutOfMemoryError error, HazelcastInstance[] instances) {
                halt(error);
            }
        });
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            haltIfOutOfMemory(error);
            if (previous != null) {
                previous.uncaughtException(thread, error);
            }
        });
    }

    /** Halts when {@code error} is or was caused by an {@link OutOfMemoryError} (and exiting is on). */
    public static void haltIfOutOfMemory(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError oom) {
                halt(oom);
            }
        }
    }

    private static void halt(OutOfMemoryError error) {
        if (!enabled) {
            return;
        }
        // No logger: it may need memory there is none of. One line to stderr, then halt (no shutdown
        // hooks: a graceful shutdown needs memory and working Hazelcast threads too).
        System.err.println("Session Grid: OutOfMemoryError (" + error.getMessage() + "); halting with exit code "
                + EXIT_CODE + " so the cluster drops this member");
        Runtime.getRuntime().halt(EXIT_CODE);
    }
}
