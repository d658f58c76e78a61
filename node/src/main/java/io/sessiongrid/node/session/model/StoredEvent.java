package io.sessiongrid.node.session.model;

/**
 * One appended event: its encoded JSON, immutable once stored, plus what lookups need beside it
 * (the id for idempotency, the timestamp for {@code afterTimestamp}, the session version it made).
 * Keeping the bytes rather than a JSON tree keeps heap close to payload size and lets a read copy
 * them straight into a response.
 */
public record StoredEvent(String id, double timestamp, long version, byte[] json) {

    public StoredEvent withVersion(long newVersion) {
        return new StoredEvent(id, timestamp, newVersion, json);
    }
}
