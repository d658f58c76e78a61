package io.sessiongrid.adk;

import com.google.adk.agents.LlmAgent;
import com.google.adk.artifacts.InMemoryArtifactService;
import com.google.adk.runner.Runner;
import com.google.adk.telemetry.Tracing;
import com.google.genai.types.Content;
import com.google.genai.types.Part;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.sessiongrid.adk.ScriptedLlm.text;
import static org.assertj.core.api.Assertions.assertThat;

/** ADK's real Runner on the adapter, traced with the OpenTelemetry SDK: its spans join the application's trace. */
class RunnerTracingTest {

    private static final String APP = "traced-app";

    private static final List<Started> started = new CopyOnWriteArrayList<>();
    private static GridFixture grid;
    private static SdkTracerProvider tracing;
    private static Tracer adkTracer;

    /** A span as it started (spans end after the Runner's flow completes, so they are recorded at start). */
    record Started(String name, String traceId, String spanId, String parentSpanId) {
    }

    @BeforeAll
    static void start() {
        grid = new GridFixture();
        tracing = SdkTracerProvider.builder().addSpanProcessor(new SpanProcessor() {
            @Override
            public void onStart(Context parent, ReadWriteSpan span) {
                started.add(new Started(span.getName(), span.getSpanContext().getTraceId(),
                        span.getSpanContext().getSpanId(), span.getParentSpanContext().getSpanId()));
            }

            @Override
            public boolean isStartRequired() {
                return true;
            }

            @Override
            public void onEnd(ReadableSpan span) {
            }

            @Override
            public boolean isEndRequired() {
                return false;
            }
        }).build();
        adkTracer = Tracing.getTracer();
        Tracing.setTracerForTesting(tracing.get("adk"));
    }

    @AfterAll
    static void stop() {
        Tracing.setTracerForTesting(adkTracer);
        tracing.close();
        grid.close();
    }

    @Test
    void invokeAgentAndCallLlmSpansJoinTheCallersTrace() {
        LlmAgent agent = LlmAgent.builder().name("assistant").model(new ScriptedLlm(text("Hello."))).instruction("Greet.").build();
        Runner runner = Runner.builder().agent(agent).appName(APP).artifactService(new InMemoryArtifactService())
                .sessionService(grid.service()).build();
        grid.service().createSession(APP, "ann", Map.of(), "traced").blockingGet();
        Span request = tracing.get("app").spanBuilder("request").startSpan();

        try (Scope ignored = request.makeCurrent()) {
            runner.runAsync("ann", "traced", Content.fromParts(Part.fromText("Hi"))).toList().blockingGet();
        } finally {
            request.end();
        }

        // One trace, each span the child of the one before: request > invocation > invoke_agent > call_llm.
        List<Started> spans = List.copyOf(started);
        assertThat(spans).extracting(Started::name).containsExactly("request", "invocation", "invoke_agent assistant", "call_llm");
        assertThat(spans).extracting(Started::traceId).containsOnly(request.getSpanContext().getTraceId());
        assertThat(spans.subList(1, 4)).extracting(Started::parentSpanId)
                .containsExactly(spans.get(0).spanId(), spans.get(1).spanId(), spans.get(2).spanId());
    }
}
