package io.sessiongrid.node.session.apps;

import java.util.List;

/**
 * The apps of the grid with their session counts.
 *
 * @param apps     by name
 * @param members  addresses of every member asked
 * @param answered addresses of the members that answered in time; counts cover only these
 */
public record AppListing(List<AppCount> apps, List<String> members, List<String> answered) {
}
