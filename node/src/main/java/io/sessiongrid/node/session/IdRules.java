package io.sessiongrid.node.session;

/** What an app name, user id, session id or event id may be: 1..max characters, no control characters. */
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
        return id;
    }
}
