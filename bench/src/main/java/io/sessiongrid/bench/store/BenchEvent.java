package io.sessiongrid.bench.store;

import java.util.Map;

/**
 * One event of a workload, in every form a store needs, prepared before the clock starts so no store
 * pays for another's encoding.
 *
 * @param id           event id, unique in its session (appends are idempotent by it)
 * @param timestamp    seconds since the epoch
 * @param json         the whole event as ADK JSON ({@code id, author, timestamp, content,
 *                     actions.stateDelta} with prefixed keys), what an agent framework stores
 * @param sessionDelta plain keys: name to JSON value text
 * @param userDelta    {@code user:} keys without the prefix: name to JSON value text
 * @param appDelta     {@code app:} keys without the prefix: name to JSON value text
 */
public record BenchEvent(String id, double timestamp, String json, Map<String, String> sessionDelta,
                         Map<String, String> userDelta, Map<String, String> appDelta) {
}
