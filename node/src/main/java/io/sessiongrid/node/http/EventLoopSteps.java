package io.sessiongrid.node.http;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;

import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Where a non-blocking route continues after a grid call: the event loop its request arrived on, so
 * the answer is built and written without another thread (and never on a Hazelcast thread, which may
 * not start grid calls). Off an event loop (a route called from elsewhere) it is the common pool.
 */
final class EventLoopSteps {

    private EventLoopSteps() {
    }

    static Executor current() {
        EventExecutor loop = ThreadExecutorMap.currentExecutor();
        return loop != null ? loop : ForkJoinPool.commonPool();
    }
}
