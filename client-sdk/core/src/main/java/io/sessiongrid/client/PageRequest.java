package io.sessiongrid.client;

/**
 * Which page of a listing to fetch.
 *
 * @param pageSize  maximum number of items, or {@code null} for the server's default
 * @param pageToken the {@code nextPageToken} of the previous page, or {@code null} for the first page
 */
public record PageRequest(Integer pageSize, String pageToken) {

    /** The first page, with the server's default page size. */
    public static PageRequest first() {
        return new PageRequest(null, null);
    }

    /** The first page, with up to {@code pageSize} items. */
    public static PageRequest first(int pageSize) {
        return new PageRequest(pageSize, null);
    }

    /** The page at {@code token}, with this request's page size. */
    public PageRequest next(String token) {
        return new PageRequest(pageSize, token);
    }
}
