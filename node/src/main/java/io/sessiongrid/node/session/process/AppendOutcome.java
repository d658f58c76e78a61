package io.sessiongrid.node.session.process;

/**
 * What an append did to the session entry.
 *
 * @param version      the session's version after the call
 * @param eventVersion the version the event made (for REPLAYED: when it was first stored), else -1
 * @param appendedAt   server time the event was appended at (for REPLAYED: the first time), else 0
 * @param event        the stored event when REPLAYED (it may differ from what the caller sent), else null
 */
public record AppendOutcome(Status status, long version, long eventVersion, double appendedAt, byte[] event) {

    public enum Status { APPENDED, REPLAYED, NOT_FOUND, VERSION_MISMATCH }

    static AppendOutcome notFound() {
        return new AppendOutcome(Status.NOT_FOUND, -1, -1, 0, null);
    }
}
