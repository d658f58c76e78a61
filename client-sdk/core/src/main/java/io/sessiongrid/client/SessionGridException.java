package io.sessiongrid.client;

import java.util.Objects;

/**
 * A node answered with an error status. Subclasses name the statuses callers commonly handle; any other
 * status arrives as this class. The problem details tell more, such as the exact problem type.
 */
public class SessionGridException extends RuntimeException {

    private final ProblemDetail problem;

    public SessionGridException(ProblemDetail problem) {
        this(problem, "");
    }

    /** For subclasses that say more than the problem does, such as how many attempts the call made. */
    SessionGridException(ProblemDetail problem, String messageSuffix) {
        super(describe(problem) + messageSuffix);
        this.problem = problem;
    }

    /** HTTP status of the response. */
    public int status() {
        return problem.status();
    }

    public ProblemDetail problem() {
        return problem;
    }

    private static String describe(ProblemDetail problem) {
        Objects.requireNonNull(problem, "problem");
        StringBuilder message = new StringBuilder("HTTP ").append(problem.status());
        if (problem.title() != null) {
            message.append(' ').append(problem.title());
        }
        if (problem.detail() != null) {
            message.append(": ").append(problem.detail());
        }
        if (problem.type() != null) {
            message.append(" [").append(problem.type()).append(']');
        }
        return message.toString();
    }
}
