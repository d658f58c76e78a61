package io.sessiongrid.client.internal;

/** Session versions as HTTP entity tags: version 7 is {@code "7"}. */
public final class VersionTag {

    private VersionTag() {
    }

    public static String format(long version) {
        return "\"" + version + "\"";
    }

    /** The version in an ETag value, or {@code null} if the tag does not carry one. */
    public static Long parse(String etag) {
        String tag = etag.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
