package io.sessiongrid.client;

import com.fasterxml.jackson.databind.JsonNode;

/** HTTP 412: the session's version was not the expected one, so the event was not appended. */
public class VersionConflictException extends SessionGridException {

    public VersionConflictException(ProblemDetail problem) {
        super(problem);
    }

    /** The session's version at the time of the conflict, or {@code null} if the server did not say. */
    public Long currentVersion() {
        JsonNode version = problem().extensions().get("currentVersion");
        return version != null && version.isIntegralNumber() && version.canConvertToLong()
                ? version.longValue()
                : null;
    }
}
