package io.sessiongrid.node.session.process;

import com.hazelcast.aggregation.Aggregator;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;
import io.sessiongrid.node.session.model.SessionSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One page of a session listing, ordered by (user id, session id) after an exclusive cursor.
 * Each member keeps only the first {@code limit + 1} candidates it sees, so a page moves at most
 * that many summaries per member over the network however large the app is (the extra one tells
 * whether another page follows).
 */
public final class SessionPageAggregator
        implements Aggregator<Map.Entry<SessionKey, SessionRecord>, List<SessionSummary>> {

    private final String userId;
    private final String afterSortKey;
    private final int limit;
    private final TreeMap<String, SessionSummary> page;

    /**
     * @param userId       only this user's sessions, or null for every user of the app
     * @param afterSortKey exclusive cursor from {@link #sortKey}, or null for the first page
     * @param limit        page size
     */
    public SessionPageAggregator(String userId, String afterSortKey, int limit) {
        this(userId, afterSortKey, limit, List.of());
    }

    public SessionPageAggregator(String userId, String afterSortKey, int limit, List<SessionSummary> collected) {
        this.userId = userId;
        this.afterSortKey = afterSortKey;
        this.limit = limit;
        this.page = new TreeMap<>();
        collected.forEach(s -> page.put(sortKey(s.userId(), s.sessionId()), s));
    }

    /** Ids cannot hold control characters, so NUL separates the two parts unambiguously. */
    public static String sortKey(String userId, String sessionId) {
        return userId + '\u0000' + sessionId;
    }

    public String userId() {
        return userId;
    }

    public String afterSortKey() {
        return afterSortKey;
    }

    public int limit() {
        return limit;
    }

    public List<SessionSummary> collected() {
        return new ArrayList<>(page.values());
    }

    @Override
    public void accumulate(Map.Entry<SessionKey, SessionRecord> entry) {
        SessionKey key = entry.getKey();
        if (userId != null && !userId.equals(key.userId())) {
            return;
        }
        String sortKey = sortKey(key.userId(), key.sessionId());
        if (afterSortKey != null && sortKey.compareTo(afterSortKey) <= 0) {
            return;
        }
        if (page.size() > limit && sortKey.compareTo(page.lastKey()) >= 0) {
            return;
        }
        SessionRecord record = entry.getValue();
        if (record != null) {
            keep(sortKey, record.summary(key.userId(), key.sessionId()));
        }
    }

    @Override
    public void combine(Aggregator aggregator) {
        SessionPageAggregator other = (SessionPageAggregator) aggregator;
        other.page.forEach(this::keep);
    }

    private void keep(String sortKey, SessionSummary summary) {
        page.put(sortKey, summary);
        while (page.size() > limit + 1) {
            page.pollLastEntry();
        }
    }

    @Override
    public List<SessionSummary> aggregate() {
        return new ArrayList<>(page.values());
    }
}
