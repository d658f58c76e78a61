package io.sessiongrid.node.session.process;

/**
 * Where a processor that runs in its caller's JVM leaves its answer, instead of returning it.
 * <p>
 * Hazelcast serializes whatever a processor returns, even when the caller waits in the same JVM, and the
 * caller deserializes it again: for a session read (ten events and the state) that round trip cost about
 * a tenth of the node's CPU per get. A processor given a slot ({@link AnswersInPlace}) fills it and
 * returns null; a copy deserialized on another member never has one (the slot is transient) and returns
 * its answer as before, so members of older builds and remote runs answer as they always did.
 * <p>
 * The slot is written on the partition thread and read by the caller after the invocation completed,
 * which already orders the two; {@code filled} is volatile as well, so the answer is published safely
 * whatever Hazelcast's completion does. A run whose operation then fails (a write-through store refusing) leaves a
 * filled slot behind that nobody reads: the caller sees the failure.
 *
 * @param <R> the processor's answer
 */
public final class AnswerSlot<R> {

    private R answer;
    private volatile boolean filled;

    /** Keeps {@code answer} and returns what the processor should return instead: null, nothing to ship. */
    public R keep(R answer) {
        this.answer = answer;
        this.filled = true;
        return null;
    }

    /** Whether a run in this JVM left its answer here. */
    public boolean filled() {
        return filled;
    }

    /** The answer a run in this JVM left; only meaningful when {@link #filled()}. */
    public R answer() {
        return answer;
    }
}
