package io.sessiongrid.node.store;

import com.hazelcast.map.IMap;
import io.micronaut.context.annotation.Requires;
import io.sessiongrid.node.policy.AppPolicy;
import io.sessiongrid.node.session.DurableTier;
import io.sessiongrid.node.session.SessionGridError;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;
import jakarta.inject.Singleton;

import java.util.HashSet;
import java.util.List;

/** The engine's view of the durable tier when a store is configured. */
@Singleton
@Requires(bean = DurableStore.class)
public class StoreTier implements DurableTier {

    private final DurableStore store;
    private final WriteBacklog backlog;

    public StoreTier(DurableStore store, WriteBacklog backlog) {
        this.store = store;
        this.backlog = backlog;
    }

    @Override
    public void admitWrite(String app, AppPolicy policy) {
        if (policy.durable() && backlog.full()) {
            throw new SessionGridError(SessionGridError.Kind.STORE_BACKLOG, "This node holds " + backlog.pending()
                    + " changes the session store has not taken yet (sessiongrid.store.max-pending-writes is "
                    + store.settings().maxPendingWrites() + "); nothing was changed, retry later");
        }
    }

    @Override
    public void checkStorable(AppPolicy policy, String what, byte[] json) {
        if (policy.durable() && JsonbText.holdsNul(json)) {
            throw SessionGridError.invalid(what + " contains the character \\u0000, which the session store"
                    + " (PostgreSQL jsonb) cannot hold");
        }
    }

    @Override
    public void deleteUserRows(String app, String userId, double createdBefore, AppPolicy policy) {
        if (policy.durable()) {
            store.call(StoreMetrics.Op.DELETE, SessionMapStore.TABLE,
                    () -> store.sessions().deleteUser(app, userId, createdBefore));
        }
    }

    @Override
    public List<SessionKey> storedKeysOfUser(String app, String userId, AppPolicy policy) {
        if (!policy.durable()) {
            return List.of();
        }
        return store.call(StoreMetrics.Op.LOAD_KEYS, SessionMapStore.TABLE, () -> store.sessions().keysOfUser(app, userId));
    }

    /** One query for the user's stored keys; Hazelcast loads only those memory lacks. */
    @Override
    public void loadUser(IMap<SessionKey, SessionRecord> sessions, String app, String userId, AppPolicy policy) {
        List<SessionKey> keys = storedKeysOfUser(app, userId, policy);
        if (!keys.isEmpty()) {
            sessions.loadAll(new HashSet<>(keys), false);
        }
    }
}
