package io.sessiongrid.node.session.process;

import io.sessiongrid.node.session.model.AppendPlan;

/**
 * What an append did to the session entry.
 *
 * @param version      the session's version after the call
 * @param eventVersion the version the event made (for REPLAYED: when it was first stored), else -1
 * @param appendedAt   server time the event was appended at (for REPLAYED: the first time), else 0
 * @param event        the stored event when REPLAYED (it may differ from what the caller sent), else null
 * @param plan         the limits' verdict: for APPENDED how many old events were dropped, for REFUSED which
 *                     limit refused it; null otherwise
 */
public record AppendOutcome(Status status, long version, long eventVersion, double appendedAt, byte[] event,
                            AppendPlan plan) {

    public enum Status { APPENDED, REPLAYED, NOT_FOUND, VERSION_MISMATCH, REFUSED }

    static AppendOutcome notFound() {
        return new AppendOutcome(Status.NOT_FOUND, -1, -1, 0, null, null);
    }
}
