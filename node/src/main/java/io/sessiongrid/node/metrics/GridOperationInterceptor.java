package io.sessiongrid.node.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.context.annotation.Value;
import io.sessiongrid.node.concurrent.Stages;
import io.sessiongrid.node.session.GridOperation;
import io.sessiongrid.node.session.SessionGridError;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every {@link GridOperation} as {@code sessiongrid.op} tagged with {@code op} and {@code outcome},
 * and, unless {@code sessiongrid.metrics.app-latency} is off, as {@code sessiongrid.app.op} tagged with
 * {@code op} and {@code app} (the operation's first argument). Outcomes are a closed set (ok, an error
 * kind, or error) and app tags are bounded by {@link AppTags}, so tag cardinality stays bounded.
 */
@Singleton
@InterceptorBean(GridOperation.class)
public class GridOperationInterceptor implements MethodInterceptor<Object, Object> {

    static final String METER = "sessiongrid.op";

    private final MeterRegistry registry;
    /** Timers by "op/outcome": the hot path skips the registry's id building and lookup. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    /** Null when per-app latency is off. */
    private final AppOperationTimers appTimers;

    public GridOperationInterceptor(MeterRegistry registry, AppTags apps,
                                    @Value("${sessiongrid.metrics.app-latency:true}") boolean appLatency) {
        this.registry = registry;
        this.appTimers = appLatency ? new AppOperationTimers(() -> registry, apps) : null;
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        String op = context.stringValue(GridOperation.class).orElse(context.getMethodName());
        // Every grid operation takes its app first (GridOperationSignatureTest holds them to it); the
        // compile-time argument name guards against one that does not: its calls count as "_other".
        Object[] arguments = context.getParameterValues();
        String app = arguments.length > 0 && arguments[0] instanceof String name
                && "app".equals(context.getArguments()[0].getName()) ? name : null;
        long start = System.nanoTime();
        Object result;
        try {
            result = context.proceed();
        } catch (RuntimeException | Error e) {
            record(op, app, start, e);
            throw e;
        }
        if (result instanceof CompletionStage<?> stage) {
            // An operation without a waiting thread ends when its stage does.
            stage.whenComplete((value, failure) -> record(op, app, start, failure == null ? null : Stages.unwrap(failure)));
        } else {
            record(op, app, start, null);
        }
        return result;
    }

    private void record(String op, String app, long start, Throwable failure) {
        long elapsed = System.nanoTime() - start;
        String outcome = failure == null ? "ok"
                : failure instanceof SessionGridError e ? e.kind().name().toLowerCase(Locale.ROOT) : "error";
        timer(op, outcome).record(elapsed, TimeUnit.NANOSECONDS);
        if (appTimers != null) {
            appTimers.timer(op, app, failure == null).record(elapsed, TimeUnit.NANOSECONDS);
        }
    }

    private Timer timer(String op, String outcome) {
        return timers.computeIfAbsent(op + "/" + outcome, k -> Timer.builder(METER)
                .description("Session Grid operations by outcome")
                .tag("op", op)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry));
    }
}
