package io.sessiongrid.spring.session;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;

/**
 * What one save of a session the grid already has must tell it, in this order: its new id
 * ({@code previousId} is the id the grid knows, null when unchanged), its owner, its idle timeout,
 * and the attributes that changed (one state patch; empty: none).
 *
 * @param newOwner the owner for {@link OwnerChange#REKEY}
 * @param maxIdle  the idle timeout when {@code maxIdleChanged}; null: the app's
 */
record SavePlan(String previousId, OwnerChange owner, String newOwner, boolean maxIdleChanged, Duration maxIdle,
                Map<String, JsonNode> patch) {

    enum OwnerChange {
        /** The owner stays. */
        NONE,
        /** A login, or another principal: the session becomes {@code newOwner}'s. */
        REKEY,
        /** A logout that keeps the session: a new anonymous owner. */
        ANONYMOUS
    }
}
