package io.sessiongrid.node;

/** Starts a Session Grid node: the HTTP API and an embedded Hazelcast member. */
public final class Application {

    static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private Application() {
    }

    public static void main(String[] args) {
        ensureAsyncPool();
        new NodeLauncher().args(args).mainClass(Application.class).banner(false).start();
    }

    /**
     * On two CPUs or fewer the JVM sizes the common pool to one thread, and CompletableFuture (which
     * Hazelcast's async calls complete through) then starts a new thread for every async step: a
     * session read, four parallel grid calls, started four threads and cost ten times its work.
     * A pool of at least two keeps completions on pooled threads. An explicit setting wins.
     */
    static void ensureAsyncPool() {
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
            int parallelism = Math.max(2, Runtime.getRuntime().availableProcessors() - 1);
            System.setProperty(COMMON_POOL_PARALLELISM, Integer.toString(parallelism));
        }
    }
}
