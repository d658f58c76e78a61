package io.sessiongrid.node.session.model;

import com.hazelcast.partition.PartitionAware;

/** Identifies a session; partitioned by (app, user) so a user's sessions and user state share a partition. */
public record SessionKey(String app, String userId, String sessionId) implements PartitionAware<String> {

    public SessionKey {
        if (app == null || userId == null || sessionId == null) {
            throw new IllegalArgumentException("app, userId and sessionId are required");
        }
    }

    public UserKey userKey() {
        return new UserKey(app, userId);
    }

    @Override
    public String getPartitionKey() {
        return UserKey.partitionKeyOf(app, userId);
    }
}
