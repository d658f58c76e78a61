/**
 * Implementation details of the Session Grid client: HTTP transport, request paths and JSON mapping.
 *
 * <p>Not part of the supported API: these types are public only so the client package can use them
 * and may change without notice.
 */
package io.sessiongrid.client.internal;
