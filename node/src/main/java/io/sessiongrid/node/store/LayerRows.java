package io.sessiongrid.node.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessiongrid.node.session.model.LayerState;
import io.sessiongrid.node.session.model.Stamp;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The {@code app_states} and {@code user_states} tables: a layer is small and changes key by key, so
 * a write stores the whole layer, values and stamps. Stamps make the write safe to repeat or reorder:
 * merging keeps each key's newest write, as the grid does.
 */
final class LayerRows {

    private static final JsonFactory JSON = new JsonFactory();

    /** Which of the two tables, and the key columns it has. */
    enum Table {
        APP("app_states", "app"),
        USER("user_states", "app, user_id");

        final String name;
        final String keyColumns;

        Table(String name, String keyColumns) {
            this.name = name;
            this.keyColumns = keyColumns;
        }

        int keyCount() {
            return this == APP ? 1 : 2;
        }
    }

    private final DataSource dataSource;
    private final WriteTransaction transaction;

    LayerRows(DataSource dataSource, WriteTransaction transaction) {
        this.dataSource = dataSource;
        this.transaction = transaction;
    }

    /** A layer to store under its key values (app, or app and user). */
    record Write(List<String> key, LayerState layer) {
    }

    void store(Table table, Collection<Write> writes) throws SQLException {
        String placeholders = table.keyCount() == 1 ? "?" : "?, ?";
        String sql = "INSERT INTO " + table.name + " (" + table.keyColumns + ", state, stamps, update_time) VALUES ("
                + placeholders + ", ?::jsonb, ?::jsonb, extract(epoch from clock_timestamp()))"
                + " ON CONFLICT (" + table.keyColumns + ") DO UPDATE SET state = EXCLUDED.state, stamps = EXCLUDED.stamps,"
                + " update_time = EXCLUDED.update_time";
        transaction.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (Write w : writes) {
                    // Merge with what the table holds: a late write of an older layer must not undo a newer key.
                    LayerState merged = loadIn(c, table, w.key(), true);
                    LayerState layer = merged == null ? w.layer() : LayerState.merged(merged, w.layer());
                    int i = bind(ps, w.key());
                    Map<String, LayerState.Value> values = layer.stampedValues();
                    ps.setString(i + 1, JsonbText.object(valuesOf(values)));
                    ps.setString(i + 2, stamps(values));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    LayerState load(Table table, List<String> key) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return loadIn(c, table, key, false);
        }
    }

    void delete(Table table, Collection<List<String>> keys) throws SQLException {
        String sql = "DELETE FROM " + table.name + " WHERE " + where(table);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (List<String> key : keys) {
                bind(ps, key);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Every stored key of the table within an app (user states) or every app (app states). */
    List<List<String>> keys(Table table, String app) throws SQLException {
        String sql = table == Table.APP ? "SELECT app FROM app_states" : "SELECT app, user_id FROM user_states WHERE app = ?";
        List<List<String>> keys = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (table == Table.USER) {
                ps.setString(1, app);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(table == Table.APP ? List.of(rs.getString(1)) : List.of(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return keys;
    }

    private static LayerState loadIn(Connection c, Table table, List<String> key, boolean forUpdate) throws SQLException {
        String sql = "SELECT state::text, stamps::text FROM " + table.name + " WHERE " + where(table)
                + (forUpdate ? " FOR UPDATE" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? layer(rs.getString(1), rs.getString(2)) : null;
            }
        }
    }

    /**
     * Many layers of one table in one query, as a map's start loads them: keyed by the user id (user
     * states of {@code app}) or by the app (app states; {@code app} unused).
     */
    Map<String, LayerState> loadAll(Table table, String app, List<String> keys) throws SQLException {
        String sql = table == Table.APP
                ? "SELECT app, state::text, stamps::text FROM app_states WHERE app = ANY(?)"
                : "SELECT user_id, state::text, stamps::text FROM user_states WHERE user_id = ANY(?) AND app = ?";
        Map<String, LayerState> out = new LinkedHashMap<>(keys.size() * 2);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", keys.toArray(String[]::new)));
            if (table == Table.USER) {
                ps.setString(2, app);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), layer(rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    private static LayerState layer(String state, String stampsText) {
        Map<String, byte[]> values = JsonbText.members(state);
        JsonNode stamps = JsonbText.tree(stampsText);
        LinkedHashMap<String, LayerState.Value> out = new LinkedHashMap<>(values.size() * 2);
        values.forEach((k, v) -> {
            JsonNode s = stamps.path(k);
            out.put(k, new LayerState.Value(v, new Stamp(s.path(0).asDouble(), origin(s.path(1)), s.path(2).asLong())));
        });
        return new LayerState(out);
    }

    private static String origin(JsonNode parts) {
        List<String> out = new ArrayList<>(parts.size());
        parts.forEach(p -> out.add(p.asText()));
        return String.join("\u0000", out);
    }

    private static String where(Table table) {
        return table == Table.APP ? "app = ?" : "app = ? AND user_id = ?";
    }

    private static int bind(PreparedStatement ps, List<String> key) throws SQLException {
        for (int i = 0; i < key.size(); i++) {
            ps.setString(i + 1, key.get(i));
        }
        return key.size();
    }

    private static Map<String, byte[]> valuesOf(Map<String, LayerState.Value> values) {
        LinkedHashMap<String, byte[]> out = new LinkedHashMap<>(values.size() * 2);
        values.forEach((k, v) -> out.put(k, v.json()));
        return out;
    }

    /** Each key's stamp as {@code [at, [origin parts], version]}. */
    private static String stamps(Map<String, LayerState.Value> values) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, LayerState.Value> e : values.entrySet()) {
                Stamp s = e.getValue().stamp();
                g.writeArrayFieldStart(e.getKey());
                g.writeNumber(s.at());
                // The origin joins user and session id with NUL, which jsonb cannot hold: store the parts.
                g.writeStartArray();
                for (String part : s.origin().split("\u0000", -1)) {
                    g.writeString(part);
                }
                g.writeEndArray();
                g.writeNumber(s.version());
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
