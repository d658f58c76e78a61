/**
 * Java client for Session Grid, a clustered session service.
 *
 * <p>Start with {@link io.sessiongrid.client.SessionGridClient#builder()}. Sessions, events and state
 * values are immutable records; JSON values are Jackson {@link com.fasterxml.jackson.databind.JsonNode}s,
 * kept exactly as the server sent them (unknown fields, nulls and decimal digits included). Server errors
 * arrive as unchecked {@link io.sessiongrid.client.SessionGridException}s carrying the RFC 9457 problem
 * details; unreachable nodes as {@link io.sessiongrid.client.SessionGridTransportException}.
 *
 * <p>The client works with older and newer nodes alike: a field an older node does not send reads as
 * zero (a {@link java.time.Duration#ZERO} timeout means "none"), and enum-like settings such as
 * {@link io.sessiongrid.client.AppPolicy#eviction()} are strings, so a value a newer node adds arrives
 * instead of failing the call.
 */
package io.sessiongrid.client;
