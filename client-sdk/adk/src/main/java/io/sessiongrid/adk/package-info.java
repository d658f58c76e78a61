/**
 * Session Grid for Google's Agent Development Kit for Java: {@link io.sessiongrid.adk.SessionGridSessionService}
 * is a {@code BaseSessionService} that keeps agents' sessions in the grid, shared by every replica.
 */
package io.sessiongrid.adk;
