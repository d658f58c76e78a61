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
 * as failure, and only when no answer comes within the resolve timeout does the failure stay
 * {@link InDoubtException in doubt}.
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
        long txid;
        T result;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                txid = currentTxid(c);
                result = work.run(c);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
            try {
                c.commit();
                return result;
            } catch (SQLException commitFailure) {
                resolve(txid, commitFailure);
                LOG.info("A COMMIT whose answer was lost ({}) is known to have committed", commitFailure.getMessage());
                return result;
            }
        }
    }

    private static long currentTxid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT txid_current()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Returns when the transaction committed; throws the failure when it did not or cannot be known. */
    private void resolve(long txid, SQLException commitFailure) throws SQLException {
        long deadline = System.nanoTime() + resolveTimeout.toNanos();
        SQLException lastLookup = null;
        do {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT txid_status(?)")) {
                ps.setLong(1, txid);
                String status;
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    status = rs.getString(1);
                }
                if ("committed".equals(status)) {
                    metrics.lostCommit("committed");
                    return;
                }
                if ("aborted".equals(status)) {
                    metrics.lostCommit("aborted");
                    throw commitFailure;
                }
                if (status == null) {
                    // Too old for the commit log to say (cannot happen within seconds): unknown.
                    break;
                }
                // "in progress": the server is still committing, e.g. a slow trigger or fsync.
            } catch (SQLException lookupFailure) {
                if (lookupFailure == commitFailure) {
                    throw commitFailure;
                }
                lastLookup = lookupFailure;
            }
            sleep();
        } while (System.nanoTime() < deadline);
        metrics.lostCommit("unknown");
        InDoubtException inDoubt = new InDoubtException("A COMMIT failed (" + commitFailure.getMessage()
                + ") and whether it committed is unknown", commitFailure);
        if (lastLookup != null) {
            inDoubt.addSuppressed(lastLookup);
        }
        throw inDoubt;
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
