package io.sessiongrid.node.session.model;

import com.hazelcast.partition.PartitionAware;

/**
 * Identifies one user of one app: the key of the user-state map and the partition anchor of that
 * user's sessions, so a user's sessions and user state live in one partition.
 */
public record UserKey(String app, String userId) implements PartitionAware<String> {

    public UserKey {
        if (app == null || userId == null) {
            throw new IllegalArgumentException("app and userId are required");
        }
    }

    /** Length-prefixed so that ("a:b", "c") and ("a", "b:c") never share a partition key by accident. */
    public static String partitionKeyOf(String app, String userId) {
        return app.length() + ":" + app + "/" + userId;
    }

    @Override
    public String getPartitionKey() {
        return partitionKeyOf(app, userId);
    }
}
