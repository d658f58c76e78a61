package io.sessiongrid.node.http.connection;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 9110's IMF-fixdate: two-digit day and time fields, always GMT. */
class HttpDateTest {

    @Test
    void aDayBeforeTheTenthHasTwoDigits() {
        assertThat(HttpDate.format(Instant.parse("2026-12-08T00:53:11Z").getEpochSecond()))
                .isEqualTo("Tue, 08 Dec 2026 00:53:11 GMT");
        assertThat(HttpDate.format(Instant.parse("2027-01-01T09:05:03Z").getEpochSecond()))
                .isEqualTo("Fri, 01 Jan 2027 09:05:03 GMT");
    }

    @Test
    void laterDaysAreUnchanged() {
        assertThat(HttpDate.format(Instant.parse("2026-11-24T23:59:59Z").getEpochSecond()))
                .isEqualTo("Tue, 24 Nov 2026 23:59:59 GMT");
    }
}
