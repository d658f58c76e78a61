package io.sessiongrid.node.config;

/**
 * How a member decides that another one has failed from the heartbeats it misses
 * ({@code sessiongrid.cluster.failure-detector}); Hazelcast's {@code hazelcast.heartbeat.failuredetector.type}.
 */
public enum FailureDetector {
    /**
     * Suspects a member once its heartbeats are later than the usual gap between them plus
     * {@code max-no-heartbeat}, by a margin learnt from the gaps seen so far ({@code phi-threshold}
     * standard deviations' worth): where heartbeats arrive irregularly, it waits longer.
     */
    PHI_ACCRUAL("phi-accrual"),
    /** Suspects a member once it has sent no heartbeat for {@code max-no-heartbeat}, whatever came before. */
    DEADLINE("deadline");

    private final String hazelcastName;

    FailureDetector(String hazelcastName) {
        this.hazelcastName = hazelcastName;
    }

    /** The value of {@code hazelcast.heartbeat.failuredetector.type}. */
    public String hazelcastName() {
        return hazelcastName;
    }
}
