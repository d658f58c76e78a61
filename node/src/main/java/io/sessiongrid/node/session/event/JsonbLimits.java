package io.sessiongrid.node.session.event;

import io.sessiongrid.node.session.IdRules;

/**
 * What a PostgreSQL jsonb column refuses although the JSON grammar allows it (checked on PostgreSQL 15,
 * limits of the numeric type that have not changed since 9.x). Every app keeps to these limits, not
 * only durable ones: an app may become durable later, and what memory holds then must be storable.
 * <ul>
 *   <li>Numbers are parsed as {@code numeric}: at most {@value #MAX_INTEGER_DIGITS} digits before the
 *   decimal point and {@value #MAX_FRACTION_DIGITS} after it, exponent applied (1e131071 fits,
 *   1e131072 does not; 1e-16383 fits, 1e-16384 and 1.5e-16383 do not). Trailing zeros count
 *   ({@code 1.50} keeps two digits), leading zeros do not. A zero takes any exponent below
 *   {@value #MAX_EXPONENT} that leaves it within the fraction digits.</li>
 *   <li>Strings and keys cannot hold the NUL character, nor a UTF-16 surrogate without its pair
 *   (half of a character, e.g. an emoji cut in two).</li>
 * </ul>
 * The checks read a number's literal text, never its value: a huge exponent costs nothing.
 */
public final class JsonbLimits {

    /** numeric's weight is a 16-bit count of base-10000 digits: 32768 × 4 decimal digits. */
    public static final int MAX_INTEGER_DIGITS = 131072;
    /** numeric's display scale has 14 bits. */
    public static final int MAX_FRACTION_DIGITS = 16383;
    /** numeric_in refuses any exponent from {@code INT_MAX / 2} on, even for a zero. */
    public static final long MAX_EXPONENT = Integer.MAX_VALUE / 2;

    /** Larger than any exponent that matters; keeps the accumulation of a long exponent from overflowing. */
    private static final long EXPONENT_CAP = 1L << 40;

    private JsonbLimits() {
    }

    /**
     * Why PostgreSQL refuses a JSON number literal ({@code -?digits(.digits)?([eE][+-]?digits)?}), or null
     * when it takes it.
     */
    public static String numberProblem(char[] text, int offset, int length) {
        int end = offset + length;
        int i = offset;
        if (i < end && (text[i] == '-' || text[i] == '+')) {
            i++;
        }
        int intStart = i;
        while (i < end && isDigit(text[i])) {
            i++;
        }
        int intDigits = i - intStart;
        int fracStart = i;
        int fracDigits = 0;
        if (i < end && text[i] == '.') {
            fracStart = ++i;
            while (i < end && isDigit(text[i])) {
                i++;
            }
            fracDigits = i - fracStart;
        }
        long exponent = 0;
        if (i < end && (text[i] == 'e' || text[i] == 'E')) {
            i++;
            boolean negative = i < end && text[i] == '-';
            if (i < end && (text[i] == '-' || text[i] == '+')) {
                i++;
            }
            for (; i < end; i++) {
                if (exponent < EXPONENT_CAP) {
                    exponent = exponent * 10 + (text[i] - '0');
                }
            }
            exponent = negative ? -exponent : exponent;
        }
        if (exponent >= MAX_EXPONENT || exponent <= -MAX_EXPONENT) {
            return "its exponent is out of range";
        }
        long fraction = fracDigits - exponent;
        if (fraction > MAX_FRACTION_DIGITS) {
            return "it has " + fraction + " digits after the decimal point (at most " + MAX_FRACTION_DIGITS + ")";
        }
        // The decimal weight of the first non-zero digit: 0 for 1.5, 2 for 123, -3 for 0.001.
        long weight = Long.MIN_VALUE;
        for (int k = 0; k < intDigits; k++) {
            if (text[intStart + k] != '0') {
                weight = intDigits - 1 - k;
                break;
            }
        }
        for (int k = 0; weight == Long.MIN_VALUE && k < fracDigits; k++) {
            if (text[fracStart + k] != '0') {
                weight = -1 - k;
            }
        }
        if (weight != Long.MIN_VALUE && weight + exponent >= MAX_INTEGER_DIGITS) {
            return "it has " + (weight + exponent + 1) + " digits before the decimal point (at most "
                    + MAX_INTEGER_DIGITS + ")";
        }
        return null;
    }

    public static String numberProblem(String literal) {
        return numberProblem(literal.toCharArray(), 0, literal.length());
    }

    /** Index of the first character jsonb cannot hold (NUL, or a surrogate without its pair), or -1. */
    public static int badCharacter(String s) {
        int nul = s.indexOf('\u0000');
        int surrogate = IdRules.unpairedSurrogate(nul < 0 ? s : s.substring(0, nul));
        return surrogate >= 0 ? surrogate : nul;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
