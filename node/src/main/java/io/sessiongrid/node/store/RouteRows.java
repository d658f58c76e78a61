package io.sessiongrid.node.store;

import io.sessiongrid.node.session.routing.Route;
import io.sessiongrid.node.session.routing.RouteKey;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Routes live in {@code sessions.worker_id}: a route is a fact about one stored session. */
final class RouteRows {

    private final DataSource dataSource;

    RouteRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Sets each session's worker. A route whose session row is missing (its session is gone from the
     * store, or in write-behind not stored yet) sets nothing: retrying it would stall the map's store
     * for good if the row never comes. The route map stores a second after the sessions map, so a new
     * session's row is normally there first.
     */
    void store(Collection<java.util.Map.Entry<RouteKey, Route>> routes) throws SQLException {
        String sql = "UPDATE sessions SET worker_id = ? WHERE app = ? AND user_id = ? AND id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (java.util.Map.Entry<RouteKey, Route> e : routes) {
                ps.setString(1, e.getValue().workerId());
                ps.setString(2, e.getKey().app());
                ps.setString(3, e.getValue().userId());
                ps.setString(4, e.getKey().sessionId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    void delete(Collection<RouteKey> keys) throws SQLException {
        String sql = "UPDATE sessions SET worker_id = NULL WHERE app = ? AND id = ? AND worker_id IS NOT NULL";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (RouteKey key : keys) {
                ps.setString(1, key.app());
                ps.setString(2, key.sessionId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    Route load(RouteKey key) throws SQLException {
        String sql = "SELECT user_id, worker_id FROM sessions WHERE app = ? AND id = ? AND worker_id IS NOT NULL"
                + " AND (expires_at IS NULL OR expires_at > now()) LIMIT 1";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key.app());
            ps.setString(2, key.sessionId());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Route(rs.getString(1), rs.getString(2)) : null;
            }
        }
    }

    /** Many routes of one app in one query, as the map's start loads them. */
    java.util.Map<RouteKey, Route> loadAll(String app, List<String> sessionIds) throws SQLException {
        String sql = "SELECT id, user_id, worker_id FROM sessions WHERE app = ? AND id = ANY(?) AND worker_id IS NOT NULL"
                + " AND (expires_at IS NULL OR expires_at > now())";
        java.util.Map<RouteKey, Route> out = new java.util.HashMap<>(sessionIds.size() * 2);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, app);
            ps.setArray(2, c.createArrayOf("text", sessionIds.toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(new RouteKey(app, rs.getString(1)), new Route(rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    /** Every route of an app: routes are small, and worker counts need all of them in memory. */
    List<RouteKey> keys(String app) throws SQLException {
        String sql = "SELECT id FROM sessions WHERE app = ? AND worker_id IS NOT NULL"
                + " AND (expires_at IS NULL OR expires_at > now())";
        List<RouteKey> keys = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, app);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(new RouteKey(app, rs.getString(1)));
                }
            }
        }
        return keys;
    }
}
