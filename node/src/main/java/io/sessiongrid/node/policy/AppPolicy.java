package io.sessiongrid.node.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * The lifecycle and size rules of one app's sessions. Zero means "no limit" for every number and
 * "never" for both durations.
 *
 * @param ttl                  absolute lifetime of a session, counted from its create
 * @param maxIdle              sliding idle timeout: get, append and touch restart it
 * @param maxSessionsPerMember per-member cap; above it {@code eviction} picks sessions to drop
 * @param eviction             how the cap picks victims
 * @param backupCount          synchronous backups of each session
 * @param asyncBackupCount     asynchronous backups of each session
 * @param maxSessionBytes      largest session: its events' JSON plus its own state
 * @param maxEventBytes        largest single event JSON
 * @param maxEvents            longest event log
 * @param eventsOverflow       what an append past {@code maxEvents} or {@code maxSessionBytes} does
 * @param maxSessionsPerUser   most sessions one user may hold in the app
 * @param onUserLimit          what a create past {@code maxSessionsPerUser} does
 * @param durability           whether sessions and the app's state layers are kept in the store
 * @param writeDelay           longest time a {@code WRITE_BEHIND} change waits before it is stored
 * @param eagerLoadWindow      after a full restart, sessions used within it are loaded before the node
 *                             is ready; older ones load on their first access
 */
public record AppPolicy(Duration ttl, Duration maxIdle, int maxSessionsPerMember, Eviction eviction,
                        int backupCount, int asyncBackupCount, long maxSessionBytes, long maxEventBytes,
                        int maxEvents, EventsOverflow eventsOverflow, int maxSessionsPerUser,
                        UserLimitAction onUserLimit, Durability durability, Duration writeDelay,
                        Duration eagerLoadWindow) {

    /** Hazelcast keeps at most six replicas besides the owner. */
    static final int MAX_BACKUPS = 6;

    /**
     * The built-in policy: keep sessions until deleted, one backup, no caps but a 16 MiB session, memory
     * only (the policy factory turns durability to WRITE_BEHIND when a store is configured).
     */
    public static final AppPolicy BUILT_IN = new AppPolicy(Duration.ZERO, Duration.ZERO, 0, Eviction.LRU, 1, 0,
            16L * 1024 * 1024, 1024 * 1024, 0, EventsOverflow.REJECT, 0, UserLimitAction.REJECT,
            Durability.NONE, Duration.ofSeconds(1), Duration.ofHours(1));

    /**
     * @throws IllegalArgumentException naming the offending key, so a bad configuration stops the node at start
     */
    public AppPolicy {
        Objects.requireNonNull(eviction, "eviction");
        Objects.requireNonNull(eventsOverflow, "events-overflow");
        Objects.requireNonNull(onUserLimit, "on-user-limit");
        Objects.requireNonNull(durability, "durability");
        ttl = wholeSeconds("ttl", ttl);
        maxIdle = wholeSeconds("max-idle", maxIdle);
        writeDelay = wholeSeconds("write-delay", writeDelay);
        eagerLoadWindow = wholeSeconds("eager-load-window", eagerLoadWindow);
        if (writeDelay.isZero()) {
            // Hazelcast's write delay 0 is write-through: saying so explicitly keeps the two modes apart.
            throw new IllegalArgumentException("write-delay must be at least 1s; use durability WRITE_THROUGH for synchronous writes");
        }
        notNegative("max-sessions-per-member", maxSessionsPerMember);
        notNegative("backup-count", backupCount);
        notNegative("async-backup-count", asyncBackupCount);
        notNegative("max-session-bytes", maxSessionBytes);
        notNegative("max-event-bytes", maxEventBytes);
        notNegative("max-events", maxEvents);
        notNegative("max-sessions-per-user", maxSessionsPerUser);
        if (backupCount + asyncBackupCount > MAX_BACKUPS) {
            throw new IllegalArgumentException("backup-count + async-backup-count must not exceed " + MAX_BACKUPS);
        }
        if (maxSessionsPerMember > 0 && eviction == Eviction.NONE) {
            throw new IllegalArgumentException(
                    "max-sessions-per-member needs eviction LRU or LFU: Hazelcast cannot refuse writes at a cap");
        }
    }

    public long ttlSeconds() {
        return ttl.getSeconds();
    }

    public long maxIdleSeconds() {
        return maxIdle.getSeconds();
    }

    public boolean durable() {
        return durability != Durability.NONE;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    private static Duration wholeSeconds(String key, Duration value) {
        Duration d = value == null ? Duration.ZERO : value;
        if (d.isNegative() || d.getNano() != 0 || d.getSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " must be a whole number of seconds >= 0, was " + value);
        }
        return d;
    }

    private static void notNegative(String key, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(key + " must be >= 0 (0 = no limit), was " + value);
        }
    }

    /** Changes some rules of a policy, keeping the rest. */
    public static final class Builder {
        private Duration ttl;
        private Duration maxIdle;
        private int maxSessionsPerMember;
        private Eviction eviction;
        private int backupCount;
        private int asyncBackupCount;
        private long maxSessionBytes;
        private long maxEventBytes;
        private int maxEvents;
        private EventsOverflow eventsOverflow;
        private int maxSessionsPerUser;
        private UserLimitAction onUserLimit;
        private Durability durability;
        private Duration writeDelay;
        private Duration eagerLoadWindow;

        private Builder(AppPolicy p) {
            ttl = p.ttl;
            maxIdle = p.maxIdle;
            maxSessionsPerMember = p.maxSessionsPerMember;
            eviction = p.eviction;
            backupCount = p.backupCount;
            asyncBackupCount = p.asyncBackupCount;
            maxSessionBytes = p.maxSessionBytes;
            maxEventBytes = p.maxEventBytes;
            maxEvents = p.maxEvents;
            eventsOverflow = p.eventsOverflow;
            maxSessionsPerUser = p.maxSessionsPerUser;
            onUserLimit = p.onUserLimit;
            durability = p.durability;
            writeDelay = p.writeDelay;
            eagerLoadWindow = p.eagerLoadWindow;
        }

        public Builder ttl(Duration value) {
            ttl = value;
            return this;
        }

        public Builder maxIdle(Duration value) {
            maxIdle = value;
            return this;
        }

        public Builder maxSessionsPerMember(int value) {
            maxSessionsPerMember = value;
            return this;
        }

        public Builder eviction(Eviction value) {
            eviction = value;
            return this;
        }

        public Builder backupCount(int value) {
            backupCount = value;
            return this;
        }

        public Builder asyncBackupCount(int value) {
            asyncBackupCount = value;
            return this;
        }

        public Builder maxSessionBytes(long value) {
            maxSessionBytes = value;
            return this;
        }

        public Builder maxEventBytes(long value) {
            maxEventBytes = value;
            return this;
        }

        public Builder maxEvents(int value) {
            maxEvents = value;
            return this;
        }

        public Builder eventsOverflow(EventsOverflow value) {
            eventsOverflow = value;
            return this;
        }

        public Builder maxSessionsPerUser(int value) {
            maxSessionsPerUser = value;
            return this;
        }

        public Builder onUserLimit(UserLimitAction value) {
            onUserLimit = value;
            return this;
        }

        public Builder durability(Durability value) {
            durability = value;
            return this;
        }

        public Builder writeDelay(Duration value) {
            writeDelay = value;
            return this;
        }

        public Builder eagerLoadWindow(Duration value) {
            eagerLoadWindow = value;
            return this;
        }

        public AppPolicy build() {
            return new AppPolicy(ttl, maxIdle, maxSessionsPerMember, eviction, backupCount, asyncBackupCount,
                    maxSessionBytes, maxEventBytes, maxEvents, eventsOverflow, maxSessionsPerUser, onUserLimit,
                    durability, writeDelay, eagerLoadWindow);
        }
    }
}
