package io.sessiongrid.spring.session.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.util.List;

/**
 * Matches when {@code sessiongrid.endpoints} names at least one endpoint, in any form Boot binds to a list:
 * comma-separated, a YAML list ({@code endpoints[0]}), or an environment variable.
 */
class OnGridEndpointsCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Binder binder = Binder.get(context.getEnvironment());
        if (!binder.bind("sessiongrid.session.enabled", Boolean.class).orElse(true)) {
            return ConditionOutcome.noMatch("sessiongrid.session.enabled is false");
        }
        List<String> endpoints = binder.bind("sessiongrid.endpoints", Bindable.listOf(String.class)).orElse(List.of());
        return endpoints.stream().anyMatch(e -> !e.isBlank())
                ? ConditionOutcome.match("sessiongrid.endpoints names " + endpoints.size() + " endpoint(s)")
                : ConditionOutcome.noMatch("sessiongrid.endpoints is not set");
    }

    /** Matches when the module is meant to be on (not {@code sessiongrid.session.enabled=false}) but has no endpoints. */
    static final class Absent extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Binder binder = Binder.get(context.getEnvironment());
            if (!binder.bind("sessiongrid.session.enabled", Boolean.class).orElse(true)) {
                return ConditionOutcome.noMatch("sessiongrid.session.enabled is false");
            }
            ConditionOutcome present = new OnGridEndpointsCondition().getMatchOutcome(context, metadata);
            return present.isMatch() ? ConditionOutcome.noMatch(present.getMessage())
                    : ConditionOutcome.match("sessiongrid.endpoints is not set");
        }
    }
}
