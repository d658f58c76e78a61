package io.sessiongrid.node.store;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sessiongrid.node.metrics.AppTags;
import io.sessiongrid.node.session.SessionMaps;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Gauge {@code sessiongrid.store.pending{app,map}}: one per pair of tags, reading the sum over the maps
 * behind it. Apps beyond {@code max-app-tags} share the tag {@code _other}, and Micrometer hands back
 * the meter already registered for a tag pair, so a gauge per map would read only the first one's
 * count. Published from the backlog's sampler thread only.
 */
final class PendingGauges {

    private record Tags(String app, String map) {
    }

    private final Supplier<MeterRegistry> registry;
    private final AppTags apps;
    private final Map<String, Tags> tagsOfMap = new HashMap<>();
    private final Map<Tags, AtomicLong> gauges = new HashMap<>();
    private final Map<Tags, Long> sums = new HashMap<>();

    PendingGauges(Supplier<MeterRegistry> registry, AppTags apps) {
        this.registry = registry;
        this.apps = apps;
    }

    /** One sample: the unstored changes of each write-behind map; a map not named counts 0. */
    void publish(Map<String, Long> pendingByMap) {
        sums.clear();
        pendingByMap.forEach((map, pending) -> sums.merge(tagsOf(map), pending, Long::sum));
        gauges.forEach((tags, value) -> value.set(sums.getOrDefault(tags, 0L)));
    }

    private Tags tagsOf(String mapName) {
        return tagsOfMap.computeIfAbsent(mapName, name -> {
            Tags tags = new Tags(name.equals(SessionMaps.APP_STATE) ? "_all" : apps.tag(SessionMaps.appOf(stripRoutes(name))),
                    kind(name));
            gauges.computeIfAbsent(tags, t -> {
                AtomicLong value = new AtomicLong();
                Gauge.builder("sessiongrid.store.pending", value, AtomicLong::get)
                        .description("Write-behind changes this member holds that the store has not taken yet")
                        .tag("app", t.app()).tag("map", t.map())
                        .register(registry.get());
                return value;
            });
            return tags;
        });
    }

    private static String stripRoutes(String name) {
        return name.startsWith(SessionMaps.ROUTES_PREFIX) ? name.substring(SessionMaps.ROUTES_PREFIX.length()) : name;
    }

    static String kind(String mapName) {
        if (mapName.startsWith(SessionMaps.SESSIONS_PREFIX)) {
            return "sessions";
        }
        if (mapName.startsWith(SessionMaps.USER_STATE_PREFIX)) {
            return "user-state";
        }
        return mapName.startsWith(SessionMaps.ROUTES_PREFIX) ? "routes" : "app-state";
    }
}
