package example;

import com.google.adk.agents.LlmAgent;
import com.google.adk.artifacts.InMemoryArtifactService;
import com.google.adk.events.Event;
import com.google.adk.models.BaseLlm;
import com.google.adk.models.BaseLlmConnection;
import com.google.adk.models.LlmRequest;
import com.google.adk.models.LlmResponse;
import com.google.adk.runner.Runner;
import com.google.adk.sessions.Session;
import com.google.genai.types.Content;
import com.google.genai.types.Part;
import io.reactivex.rxjava3.core.Flowable;
import io.sessiongrid.adk.SessionGridSessionService;
import io.sessiongrid.client.SessionGridClient;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An ADK agent whose sessions live in Session Grid: ADK's own Runner and LlmAgent, the grid's session
 * service, and a scripted model so it runs without an API key. Two turns, then a second service (as a
 * second replica would have) reads the stored conversation. The grid is at SESSIONGRID_URL (default
 * http://localhost:8080); exits 1 if the stored session is not what the turns left.
 */
public final class AgentOnTheGrid {

    public static void main(String[] args) {
        String url = System.getenv().getOrDefault("SESSIONGRID_URL", "http://localhost:8080");
        try (SessionGridClient client = SessionGridClient.builder().endpoints(url).build()) {
            SessionGridSessionService sessions = new SessionGridSessionService(client);
            LlmAgent agent = LlmAgent.builder().name("librarian").model(new ScriptedModel())
                    .instruction("Help the user find books.").outputKey("lastAnswer").build();
            Runner runner = Runner.builder().agent(agent).appName("library").artifactService(new InMemoryArtifactService())
                    .sessionService(sessions).build();

            Session session = sessions.createSession("library", "ann", new ConcurrentHashMap<>(Map.of("user:shelf", "sci-fi")),
                    null).blockingGet();
            for (String question : List.of("Any book about robots?", "And one about Mars?")) {
                for (Event event : runner.runAsync("ann", session.id(), Content.fromParts(Part.fromText(question)))
                        .toList().blockingGet()) {
                    System.out.println(event.author() + ": " + event.stringifyContent());
                }
            }

            // Another replica: its own client and service, the same grid.
            try (SessionGridClient other = SessionGridClient.builder().endpoints(url).build()) {
                Session stored = new SessionGridSessionService(other)
                        .getSession("library", "ann", session.id(), Optional.empty()).blockingGet();
                System.out.println("stored: " + stored.events().size() + " events, state " + new TreeMap<>(stored.state()));
                boolean expected = stored.events().size() == 4
                        && "sci-fi".equals(stored.state().get("user:shelf"))
                        && String.valueOf(stored.state().get("lastAnswer")).contains("Mars");
                if (!expected) {
                    System.err.println("unexpected session in the grid");
                    System.exit(1);
                }
            }
        }
    }

    /** A model that answers from a script: the example runs offline. */
    static final class ScriptedModel extends BaseLlm {

        ScriptedModel() {
            super("scripted");
        }

        @Override
        public Flowable<LlmResponse> generateContent(LlmRequest request, boolean stream) {
            String question = request.contents().get(request.contents().size() - 1).text();
            String answer = question.contains("Mars") ? "Try 'The Martian' (Mars)." : "Try 'I, Robot'.";
            return Flowable.just(LlmResponse.builder()
                    .content(Content.builder().role("model").parts(List.of(Part.fromText(answer))).build()).build());
        }

        @Override
        public BaseLlmConnection connect(LlmRequest request) {
            throw new UnsupportedOperationException("no live connection in the example");
        }
    }
}
