package io.sessiongrid.node.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * One write transaction whose outcome is known, not guessed. A COMMIT whose answer is lost (socket
 * timeout, connection cut, failover) may have committed or not; the caller must not tell its client
 * "nothing changed" while the table holds the change. The transaction notes its id before it commits,
 * and after a failed COMMIT asks PostgreSQL on another connection what became of it
 * ({@code txid_status}), waiting while it is still in progress: committed counts as success, aborted
 * as failure. One still in progress at the resolve timeout is ended ({@code pg_terminate_backend}),
 * so only a database that cannot be reached leaves the failure {@link InDoubtException in doubt}.
 */
final class WriteTransaction {

    private static final Logger LOG = LoggerFactory.getLogger(WriteTransaction.class);
    private static final long POLL_MILLIS = 50;

    private final DataSource dataSource;
    private final Duration resolveTimeout;
    private final StoreMetrics metrics;

    WriteTransaction(DataSource dataSource, Duration resolveTimeout, StoreMetrics metrics) {
        this.dataSource = dataSource;
        this.resolveTimeout = resolveTimeout;
        this.metrics = metrics;
    }

    /** The work of one transaction on its connection (auto-commit off). */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** A COMMIT that failed and whose outcome could not be learned: the change may be stored or not. */
    static final class InDoubtException extends SQLException {
        InDoubtException(String message, SQLException cause) {
            super(message, cause.getSQLState(), cause);
        }
    }

    /**
     * Runs {@code work} in one transaction and commits it.
     *
     * @throws InDoubtException when the COMMIT failed and its outcome stayed unknown
     * @throws SQLException     when the transaction certainly did not commit
     */
    <T> T run(Work<T> work) throws SQLException {
        Transaction tx;
        T result;
        SQLException commitFailure;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                tx = begin(c);
                result = work.run(c);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
            try {
                c.commit();
                return result;
            } catch (SQLException e) {
                commitFailure = e;
            }
        }
        // The failed connection is closed (back to the pool, which drops it) before asking: resolving
        // must not hold one of the pool's few connections dead.
        if (!lostAnswer(commitFailure)) {
            throw commitFailure;
        }
        resolve(tx, commitFailure);
        LOG.info("A COMMIT whose answer was lost ({}) is known to have committed", commitFailure.getMessage());
        return result;
    }

    /** The transaction's id and its server process, noted before the work. */
    private record Transaction(long txid, int backendPid) {
    }

    private static Transaction begin(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT txid_current(), pg_backend_pid()")) {
            rs.next();
            return new Transaction(rs.getLong(1), rs.getInt(2));
        }
    }

    /**
     * Whether a COMMIT failed by losing its connection (SQL state class 08, or an I/O cause), so the
     * server may have committed. Any other failure is the server's answer: it rolled back.
     */
    static boolean lostAnswer(SQLException e) {
        if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns when the transaction committed; throws the failure when it did not or cannot be known.
     * One still in progress at the resolve timeout (a COMMIT stuck behind a slow trigger or disk) is
     * ended with {@code pg_terminate_backend}, after which PostgreSQL says committed or aborted.
     */
    private void resolve(Transaction tx, SQLException commitFailure) throws SQLException {
        long deadline = System.nanoTime() + resolveTimeout.toNanos();
        SQLException lastLookup = null;
        while (true) {
            boolean last = System.nanoTime() >= deadline;
            try {
                String status = status(tx, last);
                if ("committed".equals(status)) {
                    metrics.lostCommit("committed");
                    return;
                }
                if ("aborted".equals(status)) {
                    metrics.lostCommit("aborted");
                    throw commitFailure;
                }
                if (status == null) {
                    break; // too old for the commit log: cannot happen within seconds
                }
                lastLookup = null;
            } catch (SQLException lookupFailure) {
                if (lookupFailure == commitFailure) {
                    throw commitFailure;
                }
                lastLookup = lookupFailure;
            }
            if (last) {
                break;
            }
            sleep();
        }
        metrics.lostCommit("unknown");
        InDoubtException inDoubt = new InDoubtException("A COMMIT failed (" + commitFailure.getMessage()
                + ") and whether it committed is unknown", commitFailure);
        if (lastLookup != null) {
            inDoubt.addSuppressed(lastLookup);
        }
        throw inDoubt;
    }

    /**
     * The transaction's status; with {@code settle}, one still in progress has its server process
     * ended and the status is read again once PostgreSQL has settled it.
     */
    private String status(Transaction tx, boolean settle) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement status = c.prepareStatement("SELECT txid_status(?)")) {
            status.setLong(1, tx.txid());
            String now = read(status);
            if (!settle || !"in progress".equals(now)) {
                return now;
            }
            try (PreparedStatement terminate = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
                terminate.setInt(1, tx.backendPid());
                terminate.execute();
            }
            for (int i = 0; i < 20 && "in progress".equals(now); i++) {
                sleep();
                now = read(status);
            }
            return now;
        }
    }

    private static String read(PreparedStatement status) throws SQLException {
        try (ResultSet rs = status.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void sleep() throws SQLException {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while resolving a COMMIT", e);
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // A cut connection cannot roll back; the server aborts the open transaction itself.
            cause.addSuppressed(e);
        }
    }
}
