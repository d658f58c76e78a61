package io.sessiongrid.node.concurrent;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/** The node's background timers: one named daemon thread each, so none keeps the JVM from exiting. */
public final class DaemonScheduler {

    private DaemonScheduler() {
    }

    /** A single-threaded scheduler whose thread is called {@code threadName} (shown in thread dumps). */
    public static ScheduledExecutorService named(String threadName) {
        return Executors.newSingleThreadScheduledExecutor(threads(threadName));
    }

    /** Daemon threads called {@code threadName}, for pools of the node's own. */
    public static ThreadFactory threads(String threadName) {
        return r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        };
    }
}
