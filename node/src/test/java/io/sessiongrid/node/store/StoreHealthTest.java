package io.sessiongrid.node.store;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** What a store failure says in /health, logs and 503 bodies: never the data the statement carried. */
class StoreHealthTest {

    @Test
    void aDataErrorSaysItsStateButNotTheValue() {
        SQLException e = new PSQLException("ERROR: invalid input syntax for type json\n  Detail: Token \"alice-secret\" is invalid.",
                PSQLState.DATA_ERROR);

        assertThat(StoreHealth.describe(e)).isEqualTo("PSQLException (SQL state 22000, data exception)");
    }

    @Test
    void aBatchFailureSaysItsCauseButNotTheStatementOrItsValues() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT INTO events (app, user_id) VALUES"
                + " ('shop', 'alice') was aborted", "22P05", new int[0]);
        batch.setNextException(new PSQLException("ERROR: unsupported Unicode escape sequence: \\u0000 in 'alice'",
                PSQLState.DATA_ERROR));

        String said = StoreHealth.describe(new RuntimeException("wrapped", batch));

        assertThat(said).isEqualTo("PSQLException (SQL state 22000, data exception)").doesNotContain("alice");
    }

    @Test
    void aConnectionFailureKeepsTheMessageOperatorsNeed() {
        SQLException e = new PSQLException("Connection to 127.0.0.1:5433 refused.", PSQLState.CONNECTION_UNABLE_TO_CONNECT);

        assertThat(StoreHealth.describe(e))
                .isEqualTo("PSQLException (SQL state 08001, connection exception): Connection to 127.0.0.1:5433 refused.");
    }

    @Test
    void failuresWithoutAStateSayOnlyTheirKind() {
        assertThat(StoreHealth.describe(new SQLTransientConnectionException("pool timed out for alice")))
                .isEqualTo("SQLTransientConnectionException");
        assertThat(StoreHealth.describe(new IllegalStateException("value 'alice'"))).isEqualTo("IllegalStateException");
    }
}
