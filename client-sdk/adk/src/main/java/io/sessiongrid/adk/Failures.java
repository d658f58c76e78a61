package io.sessiongrid.adk;

import com.google.adk.sessions.SessionException;
import io.sessiongrid.client.SessionGridException;
import io.sessiongrid.client.SessionGridTransportException;
import io.sessiongrid.client.SessionNotFoundException;
import io.sessiongrid.client.VersionConflictException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The SDK's typed failures as ADK's: the grid's answer becomes a {@link SessionException} whose message
 * says what was attempted and carries the problem detail, with the SDK exception (and its
 * {@link SessionGridException#problem() problem}) as the cause. Programming errors pass through unchanged.
 */
final class Failures {

    private Failures() {
    }

    static Throwable toAdk(Throwable error, String attempted) {
        Throwable cause = unwrap(error);
        if (cause instanceof SessionNotFoundException notFound) {
            return new com.google.adk.sessions.SessionNotFoundException(attempted + " failed: " + notFound.getMessage(), notFound);
        }
        if (cause instanceof SessionGridException || cause instanceof SessionGridTransportException) {
            return new SessionException(attempted + " failed: " + cause.getMessage(), cause);
        }
        return cause;
    }

    /** A failed append: a version conflict on a checked append means the caller's Session object is stale. */
    static Throwable onAppend(Throwable error, Long expected, String appName, String userId, String sessionId,
                              String attempted) {
        Throwable cause = unwrap(error);
        if (expected != null && cause instanceof VersionConflictException conflict) {
            return new StaleSessionException(appName, userId, sessionId, expected, conflict);
        }
        return toAdk(cause, attempted);
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
