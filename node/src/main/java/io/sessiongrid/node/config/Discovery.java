package io.sessiongrid.node.config;

/** How a member finds the others ({@code sessiongrid.cluster.discovery}). */
public enum Discovery {
    /** The fixed {@code sessiongrid.cluster.members} list; empty = this member alone. */
    TCP_IP,
    /**
     * Kubernetes DNS lookup of a headless Service ({@code sessiongrid.cluster.kubernetes-service-dns}):
     * every address it lists is tried on the member port. Needs no API access (no RBAC).
     */
    KUBERNETES
}
