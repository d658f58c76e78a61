package io.sessiongrid.node.memory;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Heap admission and out-of-memory behaviour ({@code sessiongrid.memory.*}).
 *
 * @param highWater         fraction of the maximum heap that, when still used after a garbage
 *                          collection on any member, makes every node refuse writes with 503
 *                          {@code memory-pressure} until it falls 5 points below; 0 = off
 * @param exitOnOutOfMemory a member that meets an {@link OutOfMemoryError} halts at once (exit code 3),
 *                          so the cluster drops it and an orchestrator restarts it, rather than
 *                          running on with dead threads
 */
@ConfigurationProperties("sessiongrid.memory")
public record MemorySettings(
        @Bindable(defaultValue = "0.85") double highWater,
        @Bindable(defaultValue = "true") boolean exitOnOutOfMemory) {

    public MemorySettings {
        if (highWater < 0 || highWater >= 1) {
            throw new IllegalArgumentException("sessiongrid.memory.high-water must be 0 (off) or a fraction below 1, not " + highWater);
        }
    }
}
