package io.sessiongrid.helm;

import java.util.Map;

/** Facts about the node the chart must agree with, and Kubernetes' label-selector rule. */
final class ChartAssertions {

    /** The node's Micronaut health endpoints (readiness is gated on cluster safety). */
    static final String READINESS_PATH = "/health/readiness";
    static final String LIVENESS_PATH = "/health/liveness";

    private ChartAssertions() {
    }

    /** Whether a matchLabels selector selects a pod with these labels (every selector label present and equal). */
    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty()
                && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
