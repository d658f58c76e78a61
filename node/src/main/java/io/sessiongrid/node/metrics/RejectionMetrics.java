package io.sessiongrid.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code sessiongrid.rejected{app,reason}}: requests refused at the door, before any session was
 * touched. Callers without access to an app must not grow the registry, so for them the app never
 * admits a new tag (a rate refusal, whose caller has access, does); requests without an app (metrics,
 * unknown paths) count under {@link #NO_APP}.
 */
public final class RejectionMetrics {

    static final String REJECTED = "sessiongrid.rejected";
    public static final String NO_APP = "_none";

    /** Why a request was refused: no valid token, outside the token's apps or scopes, over a rate limit. */
    public enum Reason {
        AUTH, SCOPE, RATE;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Supplier<MeterRegistry> registry;
    private final AppTags tags;

    public RejectionMetrics(Supplier<MeterRegistry> registry, AppTags tags) {
        this.registry = registry;
        this.tags = tags;
    }

    /** @param app the app the request addressed, or null */
    public void rejected(String app, Reason reason) {
        Counter.builder(REJECTED).description("Requests refused for their token (auth), scope or rate")
                .tag("app", app == null ? NO_APP : reason == Reason.RATE ? tags.tag(app) : tags.existingTag(app)).tag("reason", reason.tag())
                .register(registry.get()).increment();
    }
}
