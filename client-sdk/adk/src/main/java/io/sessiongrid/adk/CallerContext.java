package io.sessiongrid.adk;

import com.google.adk.telemetry.Tracing;
import io.opentelemetry.context.Context;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;

/**
 * Delivers a result with the subscriber's OpenTelemetry context current. Results arrive on the HTTP
 * client's threads, where no context is; ADK captures {@code Context.current()} when the Runner's flow is
 * subscribed and opens its {@code invoke_agent} and {@code call_llm} spans under it, so without this they
 * would start traces of their own. It uses ADK's own {@link Tracing#withContext} transformer, the one the
 * Runner puts on its flows.
 */
final class CallerContext {

    private CallerContext() {
    }

    static <T> Single<T> keep(Single<T> source) {
        return Single.defer(() -> source.compose(Tracing.withContext(Context.current())));
    }

    static <T> Maybe<T> keep(Maybe<T> source) {
        return Maybe.defer(() -> source.compose(Tracing.withContext(Context.current())));
    }

    static Completable keep(Completable source) {
        return Completable.defer(() -> source.compose(Tracing.withContext(Context.current())));
    }
}
