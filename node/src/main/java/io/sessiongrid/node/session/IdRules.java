package io.sessiongrid.node.session;

/**
 * What an app name, user id, session id or event id may be: 1..max characters, no control
 * characters, no unpaired UTF-16 surrogates (they cannot be encoded as UTF-8, so such an id could be
 * stored but never rendered back).
 */
public final class IdRules {

    private final int maxLength;

    public IdRules(int maxLength) {
        this.maxLength = maxLength;
    }

    /** Returns the id, or throws an INVALID_ID error naming {@code what}. */
    public String check(String what, String id) {
        if (id == null || id.isEmpty()) {
            throw new SessionGridError(SessionGridError.Kind.INVALID_ID, what + " must not be empty");
        }
        if (id.length() > maxLength) {
            throw new SessionGridError(SessionGridError.Kind.INVALID_ID,
                    what + " is " + id.length() + " characters long; the limit is " + maxLength);
        }
        for (int i = 0; i < id.length(); i++) {
            if (Character.isISOControl(id.charAt(i))) {
                throw new SessionGridError(SessionGridError.Kind.INVALID_ID,
                        what + " contains a control character at index " + i);
            }
        }
        int bad = unpairedSurrogate(id);
        if (bad >= 0) {
            throw new SessionGridError(SessionGridError.Kind.INVALID_ID,
                    what + " contains an unpaired surrogate at index " + bad);
        }
        return id;
    }

    /** Index of the first UTF-16 surrogate without its pair, or -1. */
    public static int unpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
