package io.sessiongrid.node.session.event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact edges of PostgreSQL's numeric range, each pair checked against PostgreSQL 15 with
 * {@code SELECT '<literal>'::jsonb}: the largest literal it takes and the smallest it refuses.
 */
class JsonbLimitsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "0", "-0", "1", "-1.5", "1.50", "123456789012345678901234567890", "1E+3", "1e-0", "1e000000000000000005",
            "1e131071", "-1e131071", "9.9e131071", "10e131070", "0.1e131072",     // 131072 digits before the point
            "1e-16383", "0e-16383", "0.00001e-16378", "1.00000e-16378", "123.456e-16380", "0.0e-16382", // 16383 after
            "0e131072", "0.0e131072", "0e999999", "0e1073741822"                  // a zero takes a large exponent
    })
    void acceptsWhatPostgresTakes(String literal) {
        assertThat(JsonbLimits.numberProblem(literal)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "1e131072", "-1e131072", "10e131071", "0.1e131073", "1e999999", "1E+999999",
            "1e-16384", "1.5e-16383", "0e-16384", "0.00001e-16379", "1.00000e-16379", "123.456e-16381", "0.0e-16383",
            "1e-999999", "0e1073741823", "1e2147483648", "1e-2147483648", "1e99999999999999999999999999"
    })
    void refusesWhatPostgresRefuses(String literal) {
        assertThat(JsonbLimits.numberProblem(literal)).isNotNull();
    }

    @Test
    void saysWhichLimitAValueExceeds() {
        assertThat(JsonbLimits.numberProblem("1e999999")).isEqualTo(
                "it has 1000000 digits before the decimal point (at most 131072)");
        assertThat(JsonbLimits.numberProblem("1.5e-16383")).isEqualTo(
                "it has 16384 digits after the decimal point (at most 16383)");
        assertThat(JsonbLimits.numberProblem("0e1073741823")).isEqualTo("its exponent is out of range");
    }

    @Test
    void readsTheLiteralWithinItsBuffer() {
        char[] buffer = "xx1e131072yy1e131071".toCharArray();

        assertThat(JsonbLimits.numberProblem(buffer, 2, 8)).isNotNull();
        assertThat(JsonbLimits.numberProblem(buffer, 12, 8)).isNull();
    }

    @Test
    void findsNulAndUnpairedSurrogates() {
        assertThat(JsonbLimits.badCharacter("plain")).isEqualTo(-1);
        assertThat(JsonbLimits.badCharacter("emoji \uD83D\uDE00 ok")).isEqualTo(-1);
        assertThat(JsonbLimits.badCharacter("")).isEqualTo(-1);
        assertThat(JsonbLimits.badCharacter("a\u0000b")).isEqualTo(1);
        assertThat(JsonbLimits.badCharacter("\uD800")).isZero();
        assertThat(JsonbLimits.badCharacter("ab\uD83D")).isEqualTo(2);          // an emoji cut at the end
        assertThat(JsonbLimits.badCharacter("\uDE00ab")).isZero();              // ... or at the start
        assertThat(JsonbLimits.badCharacter("\uD800\uD800\uDC00")).isZero();    // high, then a whole pair
        assertThat(JsonbLimits.badCharacter("\uD83D\uDE00\uDE00")).isEqualTo(2);
    }
}
