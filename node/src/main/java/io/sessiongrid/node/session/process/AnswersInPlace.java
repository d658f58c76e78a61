package io.sessiongrid.node.session.process;

/**
 * A processor that, when it runs in its caller's JVM, leaves its answer in an {@link AnswerSlot} rather
 * than return it through Hazelcast's serialization.
 *
 * @param <R> the processor's answer
 */
public interface AnswersInPlace<R> {

    /** Called by the caller before the invocation; the slot stays with this instance only (transient). */
    void answerIn(AnswerSlot<R> slot);
}
