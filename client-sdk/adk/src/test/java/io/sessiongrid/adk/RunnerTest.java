package io.sessiongrid.adk;

import com.google.adk.agents.BaseAgent;
import com.google.adk.agents.LlmAgent;
import com.google.adk.agents.SequentialAgent;
import com.google.adk.artifacts.InMemoryArtifactService;
import com.google.adk.events.Event;
import com.google.adk.models.LlmRequest;
import com.google.adk.runner.Runner;
import com.google.adk.sessions.Session;
import com.google.adk.tools.FunctionTool;
import com.google.genai.types.Content;
import com.google.genai.types.Part;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.sessiongrid.adk.ScriptedLlm.call;
import static io.sessiongrid.adk.ScriptedLlm.text;
import static org.assertj.core.api.Assertions.assertThat;

/** ADK's real Runner and agents on the adapter, with a scripted model; two runners stand for two replicas. */
class RunnerTest {

    private static final String APP = "assistant-app";
    private static final String INSTRUCTION = "Known fact: {user:fact?}. Last answer: {answer?}.";

    private static GridFixture grid;

    @BeforeAll
    static void start() {
        grid = new GridFixture();
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    @Test
    void aSecondReplicaContinuesTheConversationWithAllEventsAndState() {
        ScriptedLlm firstModel = new ScriptedLlm(call("remember", Map.of("fact", "likes tea")), text("Noted."));
        try (SessionGridSessionService first = SessionGridSessionService.create(grid.url())) {
            first.createSession(APP, "ann", Map.of("topic", "drinks"), "conv").blockingGet();
            List<Event> turn1 = run(runner(assistant(firstModel), first), "ann", "conv", "I like tea");

            assertThat(turn1).extracting(RunnerTest::render)
                    .containsExactly("assistant call remember", "assistant response remember {status=stored}", "assistant Noted.");
            assertThat(firstModel.requests().get(0).getSystemInstructions()).anySatisfy(
                    i -> assertThat(i).contains("Known fact: . Last answer: ."));
        }

        // Replica two: a new client, a new service, a new Runner and agent.
        ScriptedLlm secondModel = new ScriptedLlm(text("You like tea."));
        try (SessionGridSessionService second = SessionGridSessionService.create(grid.url())) {
            run(runner(assistant(secondModel), second), "ann", "conv", "What do I like?");

            LlmRequest request = secondModel.requests().get(0);
            assertThat(request.contents()).extracting(RunnerTest::render).containsExactly(
                    "user I like tea", "model call remember", "user response remember {status=stored}", "model Noted.",
                    "user What do I like?");
            assertThat(request.getSystemInstructions()).anySatisfy(
                    i -> assertThat(i).contains("Known fact: likes tea. Last answer: Noted."));

            Session stored = second.getSession(APP, "ann", "conv", Optional.empty()).blockingGet();
            assertThat(stored.events()).extracting(RunnerTest::render).containsExactly(
                    "user I like tea", "assistant call remember", "assistant response remember {status=stored}", "assistant Noted.",
                    "user What do I like?", "assistant You like tea.");
            assertThat(stored.state()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("topic", "drinks", "user:fact", "likes tea", "answer", "You like tea."));
            // User state follows the user into a new session.
            assertThat(second.createSession(APP, "ann", Map.of(), null).blockingGet().state())
                    .containsExactlyEntriesOf(Map.of("user:fact", "likes tea"));
        }
    }

    @Test  // the next agent starts while the previous one's event is still being stored
    void aSequentialPipelineSharesTempStateWithinTheInvocationOnly() {
        String sessionId = "pipe";
        ScriptedLlm writerModel = new ScriptedLlm(text("first draft"));
        ScriptedLlm reviewerModel = new ScriptedLlm(text("approved"));
        BaseAgent pipeline = SequentialAgent.builder().name("pipeline").subAgents(
                LlmAgent.builder().name("writer").model(writerModel).instruction("Write a draft.")
                        .outputKey("temp:draft").build(),
                LlmAgent.builder().name("reviewer").model(reviewerModel).instruction("Review this: {temp:draft}")
                        .outputKey("verdict").build()).build();
        try (SessionGridSessionService service = SessionGridSessionService.create(grid.url())) {
            service.createSession(APP, "bob", Map.of(), sessionId).blockingGet();

            run(runner(pipeline, service), "bob", sessionId, "Draft a note");

            assertThat(reviewerModel.requests().get(0).getSystemInstructions()).anySatisfy(
                    i -> assertThat(i).contains("Review this: first draft"));
            Session stored = service.getSession(APP, "bob", sessionId, Optional.empty()).blockingGet();
            assertThat(stored.state()).containsExactlyEntriesOf(Map.of("verdict", "approved"));
            assertThat(stored.events()).extracting(RunnerTest::render)
                    .containsExactly("user Draft a note", "writer first draft", "reviewer approved");
            assertThat(stored.events().get(1).actions().stateDelta()).isEmpty();
        }
    }

    private static LlmAgent assistant(ScriptedLlm model) {
        return LlmAgent.builder().name("assistant").model(model).instruction(INSTRUCTION)
                .tools(FunctionTool.create(MemoryTool.class, "remember")).outputKey("answer").build();
    }

    private static Runner runner(BaseAgent agent, SessionGridSessionService service) {
        return Runner.builder().agent(agent).appName(APP).artifactService(new InMemoryArtifactService())
                .sessionService(service).build();
    }

    private static List<Event> run(Runner runner, String user, String session, String message) {
        return runner.runAsync(user, session, Content.fromParts(Part.fromText(message))).toList().blockingGet();
    }

    private static String render(Event event) {
        return event.author() + " " + what(event.content().orElseThrow());
    }

    private static String render(Content content) {
        return content.role().orElse("") + " " + what(content);
    }

    private static String what(Content content) {
        Part part = content.parts().orElseThrow().get(0);
        return part.text().orElseGet(() -> part.functionCall()
                .map(c -> "call " + c.name().orElseThrow())
                .orElseGet(() -> part.functionResponse()
                        .map(r -> "response " + r.name().orElseThrow() + " " + r.response().orElseThrow())
                        .orElseThrow()));
    }
}
