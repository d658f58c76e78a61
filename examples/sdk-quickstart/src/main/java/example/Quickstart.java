package example;

import io.sessiongrid.client.AppendResult;
import io.sessiongrid.client.Event;
import io.sessiongrid.client.GetSessionOptions;
import io.sessiongrid.client.Session;
import io.sessiongrid.client.SessionGridClient;

import java.time.Duration;
import java.util.Map;

/**
 * Creates a session, appends two events with state deltas and reads the session back: the SDK's
 * first steps. The grid is at SESSIONGRID_URL (default http://localhost:8080); exits 1 if what it
 * reads back is not what it wrote.
 */
public final class Quickstart {

    public static void main(String[] args) {
        String url = System.getenv().getOrDefault("SESSIONGRID_URL", "http://localhost:8080");
        try (SessionGridClient grid = SessionGridClient.builder().endpoints(url)
                .requestTimeout(Duration.ofSeconds(5)).build()) {
            Session created = grid.createSession("quickstart", "alice", null,
                    Map.of("items", 0, "user:name", "Alice"));
            grid.appendEvent("quickstart", "alice", created.id(),
                    Event.builder().author("user").content(Map.of("text", "add a book")).stateDelta("items", 1).build());
            AppendResult second = grid.appendEvent("quickstart", "alice", created.id(),
                    Event.builder().author("agent").content(Map.of("text", "added")).stateDelta("items", 2).build());
            Session read = grid.getSession("quickstart", "alice", created.id(), GetSessionOptions.recentEvents(10));

            System.out.println("session " + read.id() + " version " + second.version() + " state " + read.state()
                    + " events " + read.events().size());
            boolean expected = second.version() == 2 && read.events().size() == 2
                    && read.state().get("items").asInt() == 2   // state values are Jackson JsonNodes
                    && "Alice".equals(read.state().get("user:name").asText());
            if (!expected) {
                System.err.println("unexpected answer from the grid");
                System.exit(1);
            }
        }
    }
}
