package io.sessiongrid.node.store;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
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

    /**
     * A failure in one line, with no data in it: the SQL state and its class, and the driver's message
     * only where it speaks of the connection or the server (a data error's or a batch's message quotes
     * the statement, its values and so app, user and session ids, and event JSON).
     */
    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof SQLException)) {
            t = t.getCause();
        }
        if (!(t instanceof SQLException sql)) {
            return t.getClass().getSimpleName();
        }
        if (sql instanceof BatchUpdateException && sql.getNextException() != null) {
            sql = sql.getNextException();
        }
        String state = sql.getSQLState();
        if (state == null || state.length() != 5) {
            return sql.getClass().getSimpleName();
        }
        String stateClass = state.substring(0, 2);
        String about = STATE_CLASSES.getOrDefault(stateClass, "SQL error");
        String text = sql.getClass().getSimpleName() + " (SQL state " + state + ", " + about + ")";
        return SAFE_MESSAGES.contains(stateClass) && sql.getMessage() != null ? text + ": " + sql.getMessage() : text;
    }

    /** SQL state classes whose messages name the connection or the server, never a statement's values. */
    private static final Set<String> SAFE_MESSAGES = Set.of("08", "28", "3D", "53", "57", "58");

    private static final Map<String, String> STATE_CLASSES = Map.ofEntries(
            Map.entry("08", "connection exception"), Map.entry("22", "data exception"),
            Map.entry("23", "integrity constraint violation"), Map.entry("25", "invalid transaction state"),
            Map.entry("28", "invalid authorization"), Map.entry("3D", "invalid catalog name"),
            Map.entry("40", "transaction rollback"), Map.entry("42", "syntax error or access rule violation"),
            Map.entry("53", "insufficient resources"), Map.entry("54", "program limit exceeded"),
            Map.entry("55", "object not in prerequisite state"), Map.entry("57", "operator intervention"),
            Map.entry("58", "system error"), Map.entry("P0", "PL/pgSQL error"), Map.entry("XX", "internal error"));
}
