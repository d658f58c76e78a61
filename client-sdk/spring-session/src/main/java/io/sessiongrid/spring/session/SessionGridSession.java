package io.sessiongrid.spring.session;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.session.SaveMode;
import org.springframework.session.Session;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One request's view of a web session kept in the grid. Attributes are decoded when first read; what the
 * request changes is kept as a delta, so a save sends only that, and two concurrent requests that set
 * different attributes both keep theirs. Like Spring Session's own sessions, not thread-safe: each
 * request works on its own copy.
 */
public final class SessionGridSession implements Session {

    private final GridSessionRepositorySupport repository;
    private final Instant creationTime;
    /** Encoded attributes as read from the grid; entries leave as they are decoded or replaced. */
    private final Map<String, JsonNode> stored;
    private final Map<String, Object> decoded = new HashMap<>();
    /** Changed attributes since the last save: a value, or null for a removal. */
    private final Map<String, Object> delta = new LinkedHashMap<>();
    private String id;
    /** The id the grid knows while a changed id is not saved yet; null otherwise. */
    private String savedId;
    private boolean isNew;
    private String userId;
    private Instant lastAccessedTime;
    private Duration maxInactiveInterval;
    private boolean maxInactiveChanged;

    SessionGridSession(GridSessionRepositorySupport repository, String id, boolean isNew, String userId,
                       Instant creationTime, Duration maxInactiveInterval, Map<String, JsonNode> stored) {
        this.repository = repository;
        this.id = id;
        this.isNew = isNew;
        this.userId = userId;
        this.creationTime = creationTime;
        this.lastAccessedTime = creationTime;
        this.maxInactiveInterval = maxInactiveInterval;
        this.stored = new HashMap<>(stored);
    }

    @Override
    public String getId() {
        return id;
    }

    /** A new id now (the filter sets it in the cookie); the grid moves the session when it is saved. */
    @Override
    public String changeSessionId() {
        if (!isNew && savedId == null) {
            savedId = id;
        }
        id = repository.newId();
        return id;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getAttribute(String name) {
        Object value = read(name);
        if (value != null && repository.saveMode() == SaveMode.ON_GET_ATTRIBUTE) {
            delta.put(name, value);
        }
        return (T) value;
    }

    /** The attribute's value without counting as a read for {@link SaveMode#ON_GET_ATTRIBUTE}. */
    Object read(String name) {
        if (delta.containsKey(name)) {
            return delta.get(name);
        }
        Object value = decoded.get(name);
        if (value == null) {
            JsonNode encoded = stored.remove(name);
            if (encoded != null) {
                value = repository.codec().decode(encoded);
                decoded.put(name, value);
            }
        }
        return value;
    }

    @Override
    public Set<String> getAttributeNames() {
        Set<String> names = new LinkedHashSet<>(stored.keySet());
        names.addAll(decoded.keySet());
        delta.forEach((name, value) -> {
            if (value == null) {
                names.remove(name);
            } else {
                names.add(name);
            }
        });
        return Collections.unmodifiableSet(names);
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            removeAttribute(name);
            return;
        }
        delta.put(name, value);
        repository.flushIfImmediate(this);
    }

    @Override
    public void removeAttribute(String name) {
        delta.put(name, null);
        decoded.remove(name);
        stored.remove(name);
        repository.flushIfImmediate(this);
    }

    @Override
    public Instant getCreationTime() {
        return creationTime;
    }

    /**
     * Kept on this object (for {@link #isExpired} and the application's own reads) but not sent to the
     * grid: the grid's clock decides idleness. Every request that reads the session restarts its idle
     * timeout where it lives (Hazelcast's own max-idle, on the primary and, every quarter of the
     * timeout, the backups), and Hazelcast offers no way to set an entry's last access back. A time set
     * earlier than the request's own therefore does not shorten the session's remaining idle time in the
     * grid, as it would in Spring Session's JDBC or Redis stores.
     */
    @Override
    public void setLastAccessedTime(Instant lastAccessedTime) {
        this.lastAccessedTime = lastAccessedTime;
    }

    @Override
    public Instant getLastAccessedTime() {
        return lastAccessedTime;
    }

    /** Negative: the session never goes idle (the grid app's idle timeout, if it has one, still applies). */
    @Override
    public void setMaxInactiveInterval(Duration interval) {
        this.maxInactiveInterval = interval;
        this.maxInactiveChanged = true;
        repository.flushIfImmediate(this);
    }

    @Override
    public Duration getMaxInactiveInterval() {
        return maxInactiveInterval;
    }

    @Override
    public boolean isExpired() {
        return !maxInactiveInterval.isNegative() && !maxInactiveInterval.isZero()
                && Instant.now().isAfter(lastAccessedTime.plus(maxInactiveInterval));
    }

    // What a save needs to know and then clears.

    boolean isNew() {
        return isNew;
    }

    String savedId() {
        return savedId;
    }

    String userId() {
        return userId;
    }

    boolean maxInactiveChanged() {
        return maxInactiveChanged;
    }

    /** Every attribute by name (for a create or {@link SaveMode#ALWAYS}). */
    Map<String, Object> allAttributes() {
        Map<String, Object> all = new LinkedHashMap<>();
        for (String name : getAttributeNames()) {
            all.put(name, read(name));
        }
        return all;
    }

    Map<String, Object> delta() {
        return delta;
    }

    void saved(String owner) {
        isNew = false;
        savedId = null;
        userId = owner;
        maxInactiveChanged = false;
        delta.forEach((name, value) -> {
            if (value != null) {
                decoded.put(name, value);
            }
        });
        delta.clear();
    }
}
