package io.sessiongrid.node.session;

import com.hazelcast.map.IMap;
import io.sessiongrid.node.policy.AppPolicy;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;

import java.util.List;

/**
 * What the engine asks of the durable tier beyond Hazelcast's map stores. {@link #NONE} when no
 * store is configured: every method then does nothing.
 */
public interface DurableTier {

    DurableTier NONE = new DurableTier() {
    };

    /**
     * Refuses a write of a durable app while this member holds more unstored changes than allowed.
     *
     * @throws SessionGridError STORE_BACKLOG
     */
    default void admitWrite(String app, AppPolicy policy) {
    }

    /**
     * The keys of a durable app's stored (unexpired) sessions of one user; empty for other apps. With
     * the keys in memory they count a user's sessions even when memory cannot hold them all.
     */
    default List<SessionKey> storedKeysOfUser(String app, String userId, AppPolicy policy) {
        return List.of();
    }

    /**
     * The keys of a durable app's stored (unexpired) sessions with this id (at most two: an id index miss
     * after a full restart needs to know whether the id names exactly one session); empty for other apps.
     */
    default List<SessionKey> storedKeysWithId(String app, String sessionId, AppPolicy policy) {
        return List.of();
    }

    /**
     * Brings a durable app's stored sessions of one user into memory when memory lacks them (evicted,
     * or outside the eager-load window after a restart), so user lists, counts and deletes see them.
     */
    default void loadUser(IMap<SessionKey, SessionRecord> sessions, String app, String userId, AppPolicy policy) {
    }

    /**
     * After a user's sessions were deleted in memory, deletes the stored ones memory could not hold,
     * sparing sessions created since the delete began.
     *
     * @param createdBefore epoch seconds when the delete began
     */
    default void deleteUserRows(String app, String userId, double createdBefore, AppPolicy policy) {
    }

    /**
     * Deletes a durable app's stored sessions unused since {@code cutoff} that memory does not hold
     * (memory's own idle sessions are swept by the caller), with their routes.
     *
     * @return how many were deleted
     */
    default long sweepIdleRows(String app, double cutoff, AppPolicy policy) {
        return 0;
    }
}
