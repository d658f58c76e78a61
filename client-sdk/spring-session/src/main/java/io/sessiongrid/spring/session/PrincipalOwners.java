package io.sessiongrid.spring.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The grid user id a principal's sessions are kept under. Spring Security accepts any string as a
 * principal name; the grid's user ids are at most the node's id length, without control characters or
 * unpaired surrogates, and those starting with {@code ~} are its anonymous owners. A name the grid takes
 * as it is stays itself (so the grid's listings and "log out everywhere" read naturally); any other, and
 * any name starting with {@value #HASHED}, is kept under {@value #HASHED} and the base64url SHA-256 of
 * its UTF-8 bytes. Hashed and plain ids never meet, so two principals never share an owner; the name
 * itself stays in the session's attributes.
 */
public final class PrincipalOwners {

    /** The first character of a hashed owner. */
    public static final String HASHED = "#";
    /** Longest name kept as it is: within the node's default id limit (256) with room to spare. */
    public static final int MAX_PLAIN_LENGTH = 128;

    private PrincipalOwners() {
    }

    /** The owner id of {@code principalName}. */
    public static String ownerOf(String principalName) {
        return plain(principalName) ? principalName : HASHED + sha256(principalName);
    }

    private static boolean plain(String name) {
        if (name.isEmpty() || name.length() > MAX_PLAIN_LENGTH || name.startsWith(HASHED) || name.startsWith("~")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
