package io.sessiongrid.node.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's token buckets, one per app and one per API token. Limits are per node: a client spread
 * over N nodes by a load balancer gets up to N times the rate, which keeps the check off the grid (no
 * remote call per request).
 */
public final class RateLimiter {

    /** Apps come from request paths: their buckets are bounded in number and dropped when idle. */
    private static final long MAX_APP_BUCKETS = 100_000;
    private static final Duration IDLE_BUCKET_EXPIRY = Duration.ofMinutes(10);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final RateLimitSettings settings;
    private final Cache<String, Bucket> appBuckets = Caffeine.newBuilder()
            .maximumSize(MAX_APP_BUCKETS).expireAfterAccess(IDLE_BUCKET_EXPIRY).build();
    /** Token names come from configuration, so this map is as small as the token list. */
    private final Map<String, Bucket> tokenBuckets = new ConcurrentHashMap<>();

    public RateLimiter(RateLimitSettings settings) {
        this.settings = settings;
    }

    /**
     * Takes one request from the token's bucket, then from the app's; a refusal by the app's bucket puts
     * the token's request back, so a refused request costs nothing.
     *
     * @param app        the app the request addresses, or null
     * @param token      the token's name, or null without one
     * @param tokenLimit the token's own limit, or null for the default of every token
     */
    public Optional<RateLimitRefusal> acquire(String app, String token, RateLimit tokenLimit) {
        Bucket tokenBucket = null;
        if (token != null) {
            RateLimit limit = tokenLimit != null ? tokenLimit : settings.token();
            if (limit.limited()) {
                tokenBucket = tokenBuckets.computeIfAbsent(token, name -> bucket(limit));
                ConsumptionProbe probe = tokenBucket.tryConsumeAndReturnRemaining(1);
                if (!probe.isConsumed()) {
                    return Optional.of(refusal("token", token, limit, probe));
                }
            }
        }
        if (app != null) {
            RateLimit limit = settings.forApp(app);
            if (limit.limited()) {
                ConsumptionProbe probe = appBuckets.get(app, name -> bucket(limit)).tryConsumeAndReturnRemaining(1);
                if (!probe.isConsumed()) {
                    if (tokenBucket != null) {
                        tokenBucket.addTokens(1);
                    }
                    return Optional.of(refusal("app", app, limit, probe));
                }
            }
        }
        return Optional.empty();
    }

    private static Bucket bucket(RateLimit limit) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.burst())
                        .refillGreedy(limit.requestsPerSecond(), Duration.ofSeconds(1)).build())
                .build();
    }

    private static RateLimitRefusal refusal(String subject, String name, RateLimit limit, ConsumptionProbe probe) {
        long nanos = probe.getNanosToWaitForRefill();
        long seconds = Math.max(1, (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
        return new RateLimitRefusal(subject, name, limit, seconds);
    }
}
