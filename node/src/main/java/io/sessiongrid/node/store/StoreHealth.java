package io.sessiongrid.node.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** What the last store calls said: available or not, and why not. Read by /health. */
public final class StoreHealth {

    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final AtomicReference<Instant> failingSince = new AtomicReference<>();
    private final AtomicLong failures = new AtomicLong();

    void succeeded() {
        if (failingSince.get() != null) {
            failingSince.set(null);
        }
    }

    void failed(Throwable e) {
        failures.incrementAndGet();
        lastError.set(describe(e));
        failingSince.compareAndSet(null, Instant.now());
    }

    public boolean available() {
        return failingSince.get() == null;
    }

    /** When the current run of failures began, or null while the store answers. */
    public Instant failingSince() {
        return failingSince.get();
    }

    public String lastError() {
        return lastError.get();
    }

    public long failures() {
        return failures.get();
    }

    /** A failure in one line, without credentials: the SQL state and the driver's message. */
    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof SQLException)) {
            t = t.getCause();
        }
        String state = t instanceof SQLException sql && sql.getSQLState() != null ? " (SQL state " + sql.getSQLState() + ")" : "";
        return t.getClass().getSimpleName() + state + ": " + t.getMessage();
    }
}
