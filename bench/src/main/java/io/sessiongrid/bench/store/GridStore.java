package io.sessiongrid.bench.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessiongrid.client.CreateSessionOptions;
import io.sessiongrid.client.Event;
import io.sessiongrid.client.EventActions;
import io.sessiongrid.client.GetSessionOptions;
import io.sessiongrid.client.Session;
import io.sessiongrid.client.SessionExistsException;
import io.sessiongrid.client.HttpTransport;
import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.client.SessionNotFoundException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Session Grid through its Java SDK, as an application uses it. Runs are isolated by app name (the
 * workloads name a fresh app per run), so {@link #reset()} has nothing to remove.
 */
public final class GridStore implements SessionStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SessionGridClient client;
    private final String name;

    public GridStore(String... endpoints) {
        this("grid", List.of(endpoints));
    }

    /** @param name the target's name in reports, e.g. "grid-wb" for a grid whose apps are WRITE_BEHIND */
    public GridStore(String name, List<String> endpoints) {
        this(name, endpoints, HttpTransport.SOCKETS);
    }

    /** @param transport how the SDK's blocking calls travel (the bench's "grid-jdk" target: the JDK client) */
    public GridStore(String name, List<String> endpoints, HttpTransport transport) {
        this.name = name;
        this.client = SessionGridClient.builder().endpoints(endpoints.toArray(String[]::new)).httpTransport(transport)
                .requestTimeout(Duration.ofSeconds(30)).build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void reset() {
        // Each run uses its own app names.
    }

    @Override
    public void create(SessionRef ref, Map<String, String> state, Duration ttl, Duration maxIdle) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        state.forEach((k, v) -> values.put(k, parse(v)));
        try {
            client.createSession(ref.app(), ref.user(), CreateSessionOptions.builder().sessionId(ref.id()).state(values)
                    .ttl(ttl.isZero() ? null : ttl).maxIdle(maxIdle.isZero() ? null : maxIdle).build());
        } catch (SessionExistsException e) {
            throw new IllegalStateException("exists", e);
        }
    }

    @Override
    public void append(SessionRef ref, BenchEvent event) {
        JsonNode tree = parse(event.json());
        Map<String, JsonNode> delta = new LinkedHashMap<>();
        tree.path("actions").path("stateDelta").properties().forEach(e -> delta.put(e.getKey(), e.getValue()));
        Event sdkEvent = Event.builder().id(event.id()).author(tree.path("author").asText())
                .timestamp(event.timestamp()).content(tree.get("content"))
                .actions(EventActions.ofStateDelta(delta)).build();
        try {
            client.appendEvent(ref.app(), ref.user(), ref.id(), sdkEvent);
        } catch (SessionNotFoundException e) {
            throw new IllegalStateException("not found", e);
        }
    }

    @Override
    public SessionView get(SessionRef ref, int recentEvents, boolean touch) {
        // Every read restarts the idle timeout in the grid; touch is implied.
        try {
            Session session = client.getSession(ref.app(), ref.user(), ref.id(), GetSessionOptions.recentEvents(recentEvents));
            return new SessionView(true, session.events().size(), session.state().size());
        } catch (SessionNotFoundException e) {
            return SessionView.ABSENT;
        }
    }

    @Override
    public void delete(SessionRef ref) {
        client.deleteSession(ref.app(), ref.user(), ref.id());
    }

    @Override
    public void close() {
        client.close();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
