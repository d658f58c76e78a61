package io.sessiongrid.node.session.process;

/**
 * What a state patch did to the session entry.
 *
 * @param version the session's version after the call (for VERSION_MISMATCH: the current one)
 * @param size    for REFUSED the size the session would have reached, else 0
 */
public record PatchOutcome(Status status, long version, long size) {

    public enum Status { PATCHED, NOT_FOUND, VERSION_MISMATCH, REFUSED }
}
