package io.sessiongrid.node.session.model;

/**
 * One appended event: its encoded JSON, immutable once stored, plus what lookups need beside it
 * (the id for idempotency, the timestamp for {@code afterTimestamp}, the session version it made,
 * the server time it was appended at for ordering shared-state writes). Keeping the bytes rather
 * than a JSON tree keeps heap close to payload size and lets a read copy them straight into a response.
 */
public record StoredEvent(String id, double timestamp, long version, double appendedAt, byte[] json) {

    /** An event as a caller hands it in: version and append time are the partition owner's to set. */
    public static StoredEvent incoming(String id, double timestamp, byte[] json) {
        return new StoredEvent(id, timestamp, 0, 0, json);
    }

    public StoredEvent appended(long newVersion, double at) {
        return new StoredEvent(id, timestamp, newVersion, at, json);
    }
}
