package io.sessiongrid.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How many sessions are pinned to each of several workers, counted in one call so that a proxy balancing
 * new sessions sees one consistent picture rather than one call's worth of drift per worker.
 *
 * @param total     the sessions pinned to any of the asked workers
 * @param perWorker each asked worker's count, 0 for a worker without sessions, in the order the workers
 *                  were asked for; a copy
 */
public record WorkerCounts(long total, Map<String, Long> perWorker) {

    public WorkerCounts {
        requireCount(total, "total");
        Map<String, Long> copy = new LinkedHashMap<>();
        Objects.requireNonNull(perWorker, "perWorker").forEach((workerId, count) -> {
            Objects.requireNonNull(workerId, "perWorker keys must not be null");
            copy.put(workerId, requireCount(Objects.requireNonNull(count, "perWorker values must not be null"),
                    "the count of " + workerId));
        });
        // Not Map.copyOf: the order in which the workers were asked for is kept.
        perWorker = Collections.unmodifiableMap(copy);
    }

    private static long requireCount(long count, String name) {
        if (count < 0) {
            throw new IllegalArgumentException(name + " must be >= 0 but was " + count);
        }
        return count;
    }
}
