package io.sessiongrid.client;

/** HTTP 412: the session's version was not the expected one, so the event was not appended. */
public class VersionConflictException extends SessionGridException {

    public VersionConflictException(ProblemDetail problem) {
        super(problem);
    }

    /** The session's version at the time of the conflict, or {@code null} if the server did not say. */
    public Long currentVersion() {
        return problem().longExtension("currentVersion");
    }
}
