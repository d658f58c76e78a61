package io.sessiongrid.node.session.process;

import com.hazelcast.aggregation.Aggregator;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Counts one user's sessions and keeps the {@code victims} least recently used of them. Run with a
 * partition predicate on the user's partition, it reads one partition, never the cluster.
 */
public final class UserSessionsAggregator
        implements Aggregator<Map.Entry<SessionKey, SessionRecord>, UserSessions> {

    private static final Comparator<UserSessions.Used> NEWEST_FIRST =
            Comparator.comparingDouble(UserSessions.Used::lastAccessTime).reversed()
                    .thenComparing(UserSessions.Used::sessionId, Comparator.reverseOrder());

    private final String userId;
    private final int victims;
    private long count;
    /** Max-heap on recency: the head is the most recent of the kept, the first to give way. */
    private final PriorityQueue<UserSessions.Used> oldest = new PriorityQueue<>(NEWEST_FIRST);

    public UserSessionsAggregator(String userId, int victims) {
        this(userId, victims, 0, List.of());
    }

    public UserSessionsAggregator(String userId, int victims, long count, List<UserSessions.Used> kept) {
        this.userId = userId;
        this.victims = victims;
        this.count = count;
        kept.forEach(this::keep);
    }

    public String userId() {
        return userId;
    }

    public int victims() {
        return victims;
    }

    public long count() {
        return count;
    }

    public List<UserSessions.Used> kept() {
        return new ArrayList<>(oldest);
    }

    @Override
    public void accumulate(Map.Entry<SessionKey, SessionRecord> entry) {
        SessionKey key = entry.getKey();
        SessionRecord record = entry.getValue();
        if (record == null || !userId.equals(key.userId())) {
            return;
        }
        count++;
        if (victims > 0) {
            keep(new UserSessions.Used(key.sessionId(), record.lastAccessTime()));
        }
    }

    private void keep(UserSessions.Used used) {
        oldest.add(used);
        while (oldest.size() > victims) {
            oldest.poll();
        }
    }

    @Override
    public void combine(Aggregator aggregator) {
        UserSessionsAggregator other = (UserSessionsAggregator) aggregator;
        count += other.count;
        other.oldest.forEach(this::keep);
    }

    @Override
    public UserSessions aggregate() {
        List<UserSessions.Used> sorted = new ArrayList<>(oldest);
        sorted.sort(NEWEST_FIRST.reversed());
        return new UserSessions(count, sorted);
    }
}
