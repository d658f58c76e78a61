package io.sessiongrid.node.session;

import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.internal.util.ThreadUtil;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.operation.MapOperation;
import com.hazelcast.map.impl.proxy.MapProxyImpl;
import com.hazelcast.spi.impl.NodeEngine;
import com.hazelcast.spi.impl.operationexecutor.impl.PartitionOperationThread;
import io.sessiongrid.node.concurrent.Stages;
import io.sessiongrid.node.session.process.AnswerSlot;
import io.sessiongrid.node.session.process.AnswersInPlace;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Asynchronous grid calls that answer on an executor of the caller's choice with no thread in between.
 * <p>
 * {@code IMap.submitToKey} and {@code getAsync} wrap the invocation's future in one that deserializes
 * the answer on Hazelcast's default async pool (the common pool): every call wakes a pool thread just
 * to hand the answer on. Measured under load that hand-off was a tenth of the node's CPU. Here the
 * invocation's own future is used and the answer deserialized on {@code steps}. This leans on three
 * members of Hazelcast's map proxy ({@code executeOnKeyInternal}, public, {@code getAsyncInternal} and
 * {@code putIfAbsentAsyncInternal}, protected); if a Hazelcast version lacks them, the public API is used
 * instead: slower, same answers. A processor that {@linkplain AnswersInPlace answers in place} and runs on
 * this member hands its answer over in an {@link AnswerSlot} instead of through serialization.
 */
final class GridCalls {

    private static final MethodHandle GET_ASYNC_INTERNAL = proxyMethod("getAsyncInternal", Object.class);
    private static final MethodHandle PUT_IF_ABSENT_ASYNC_INTERNAL = proxyMethod("putIfAbsentAsyncInternal",
            Object.class, Data.class, long.class, TimeUnit.class, long.class, TimeUnit.class);
    private static final MethodHandle TO_DATA_WITH_STRATEGY = proxyMethod("toDataWithStrategy", Object.class);

    private GridCalls() {
    }

    /**
     * Runs a step where the grid call before it answered when that was a partition thread, else on
     * {@code elsewhere}. A partition thread may start asynchronous grid calls: one for a partition it
     * serves is queued behind the current operation on that same thread, which is running and so needs
     * no wake-up. An append's {@code user:} layer shares the session's partition, so its write follows
     * the event's on the same thread without a round trip through the event loop. An answer from
     * another member arrives on a response thread, and so, with a backup, does most every local answer
     * (the backup's acknowledgement comes last): that step moves to {@code elsewhere}, as every step did
     * before, so the saving is one member's or a backup-less map's. Steps run this way hold the
     * partition: they must be short, must not block, and may start {@link #submit} calls only; the last
     * one still has to move its result to the thread that writes the answer.
     */
    static Executor partitionThreadOr(Executor elsewhere) {
        if (TO_DATA_WITH_STRATEGY == null) {
            return elsewhere; // no way to invoke from a partition thread on this Hazelcast
        }
        return task -> {
            if (Thread.currentThread() instanceof PartitionOperationThread) {
                task.run();
            } else {
                elsewhere.execute(task);
            }
        };
    }

    /** Runs {@code processor} on the key's entry; its answer arrives on {@code steps}. */
    @SuppressWarnings("unchecked")
    static <K, V, R> CompletableFuture<R> submit(IMap<K, V> map, K key, EntryProcessor<K, V, R> processor, Executor steps) {
        if (!(map instanceof MapProxyImpl<K, V> proxy)) {
            return Stages.on(steps, map.submitToKey(key, processor));
        }
        if (processor instanceof HazelcastInstanceAware aware) {
            // What the public method does for a processor that runs here without being deserialized.
            aware.setHazelcastInstance(proxy.getNodeEngine().getHazelcastInstance());
        }
        AnswerSlot<R> slot = null;
        if (processor instanceof AnswersInPlace<?> inPlace) {
            slot = new AnswerSlot<>();
            ((AnswersInPlace<R>) inPlace).answerIn(slot);
        }
        boolean onPartitionThread = Thread.currentThread() instanceof PartitionOperationThread;
        CompletionStage<?> raw = onPartitionThread && TO_DATA_WITH_STRATEGY != null
                ? invokeFromPartitionThread(proxy, key, processor)
                : proxy.executeOnKeyInternal(key, processor);
        return deserialized(proxy, raw, slot, steps);
    }

    /**
     * What {@code executeOnKeyInternal} does, as an asynchronous invocation: Hazelcast lets a partition
     * thread start only those for another partition (its check refuses the proxy's own).
     */
    private static CompletionStage<?> invokeFromPartitionThread(MapProxyImpl<?, ?> proxy, Object key,
                                                                     EntryProcessor<?, ?, ?> processor) {
        Data keyData;
        try {
            keyData = (Data) TO_DATA_WITH_STRATEGY.invoke(proxy, key);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        NodeEngine engine = proxy.getNodeEngine();
        MapOperation operation = proxy.getOperationProvider().createEntryOperation(proxy.getName(), keyData, processor);
        operation.setThreadId(ThreadUtil.getThreadId());
        return engine.getOperationService()
                .createInvocationBuilder(MapService.SERVICE_NAME, operation, engine.getPartitionService().getPartitionId(keyData))
                .setResultDeserialized(false)
                .setAsync()
                .invoke();
    }

    /** The key's value; it arrives on {@code steps}. */
    @SuppressWarnings("unchecked")
    static <K, V> CompletableFuture<V> get(IMap<K, V> map, K key, Executor steps) {
        notOnPartitionThread("get");
        if (GET_ASYNC_INTERNAL == null || !(map instanceof MapProxyImpl<K, V> proxy)) {
            return Stages.on(steps, map.getAsync(key));
        }
        CompletionStage<Object> raw;
        try {
            raw = (CompletionStage<Object>) GET_ASYNC_INTERNAL.invoke(proxy, (Object) key);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        return deserialized(proxy, raw, null, steps);
    }

    /**
     * Puts {@code value} unless the key holds one, with its own expiry ({@code -1}: the map's); true when
     * it was put. The answer is not deserialized: a conflict only needs to know that something was there.
     * {@code blocking} runs the waiting call when the proxy's internals are not there to use.
     */
    @SuppressWarnings("unchecked")
    static <K, V> CompletableFuture<Boolean> putIfAbsent(IMap<K, V> map, K key, V value, long ttlSeconds,
                                                         long maxIdleSeconds, Executor steps, Executor blocking) {
        notOnPartitionThread("putIfAbsent");
        if (PUT_IF_ABSENT_ASYNC_INTERNAL == null || !(map instanceof MapProxyImpl<K, V> proxy)) {
            // Not this Hazelcast's map proxy: the waiting call, on the blocking executor.
            return Stages.on(steps, CompletableFuture.supplyAsync(() -> map.putIfAbsent(key, value,
                    ttlSeconds, TimeUnit.SECONDS, maxIdleSeconds, TimeUnit.SECONDS) == null, blocking));
        }
        CompletionStage<Object> raw;
        try {
            Data data = proxy.getNodeEngine().getSerializationService().toData(value);
            raw = (CompletionStage<Object>) PUT_IF_ABSENT_ASYNC_INTERNAL.invoke(proxy, (Object) key, data,
                    ttlSeconds, TimeUnit.SECONDS, maxIdleSeconds, TimeUnit.SECONDS);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        return Stages.map(Stages.on(steps, raw), previous -> previous == null);
    }

    /** Only {@link #submit} builds its invocation so that a partition thread may start it. */
    private static void notOnPartitionThread(String call) {
        if (Thread.currentThread() instanceof PartitionOperationThread) {
            throw new IllegalStateException(call + " must not start on a partition thread; use submit there");
        }
    }

    /**
     * The answer a run in this JVM left in {@code slot} (null: the call has none), else the one that came
     * back serialized, deserialized on {@code steps}.
     */
    @SuppressWarnings("unchecked")
    private static <T> CompletableFuture<T> deserialized(MapProxyImpl<?, ?> proxy, CompletionStage<?> raw,
                                                         AnswerSlot<T> slot, Executor steps) {
        SerializationService serialization = proxy.getNodeEngine().getSerializationService();
        return Stages.map(Stages.on(steps, raw), value -> value == null && slot != null && slot.filled()
                ? slot.answer() : (T) serialization.toObject(value));
    }

    /**
     * A method Hazelcast's map proxy inherits, callable on a {@link MapProxyImpl} and answering Object;
     * null when this Hazelcast version lacks it (the callers then take the public API).
     */
    private static MethodHandle proxyMethod(String name, Class<?>... parameters) {
        try {
            Method method = MapProxyImpl.class.getSuperclass().getDeclaredMethod(name, parameters);
            method.setAccessible(true);
            MethodHandle handle = MethodHandles.lookup().unreflect(method);
            return handle.asType(handle.type().changeParameterType(0, MapProxyImpl.class).changeReturnType(Object.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
