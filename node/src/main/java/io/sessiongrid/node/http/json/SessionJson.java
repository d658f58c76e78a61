package io.sessiongrid.node.http.json;

import io.sessiongrid.node.session.EventPage;
import io.sessiongrid.node.session.Session;
import io.sessiongrid.node.session.SessionPage;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/** Renders the API's JSON documents from engine results. */
public final class SessionJson {

    private SessionJson() {
    }

    public static byte[] session(Session s) {
        JsonBytes json = new JsonBytes(estimate(s));
        writeSession(json, s);
        return json.toByteArray();
    }

    /** {@link #session} without copying the document out of the writer's array (the hot routes' answer). */
    public static ByteBuffer sessionBuffer(Session s) {
        JsonBytes json = new JsonBytes(estimate(s));
        writeSession(json, s);
        return json.toByteBuffer();
    }

    public static byte[] sessionPage(SessionPage page) {
        JsonBytes json = new JsonBytes(256 * (page.sessions().size() + 1));
        json.beginObject().name("sessions").beginArray();
        page.sessions().forEach(s -> writeSession(json, s));
        json.endArray().name("nextPageToken").string(page.nextPageToken()).endObject();
        return json.toByteArray();
    }

    public static byte[] eventPage(EventPage page) {
        JsonBytes json = new JsonBytes(sum(page.events()) + 64);
        json.beginObject().name("events");
        writeArray(json, page.events());
        json.name("nextPageToken").string(page.nextPageToken()).endObject();
        return json.toByteArray();
    }

    public static byte[] appState(String app, Map<String, byte[]> state) {
        JsonBytes json = new JsonBytes(256);
        json.beginObject().name("appName").string(app).name("state");
        writeState(json, state);
        return json.endObject().toByteArray();
    }

    public static byte[] userState(String app, String userId, Map<String, byte[]> state) {
        JsonBytes json = new JsonBytes(256);
        json.beginObject().name("appName").string(app).name("userId").string(userId).name("state");
        writeState(json, state);
        return json.endObject().toByteArray();
    }

    private static void writeSession(JsonBytes json, Session s) {
        json.beginObject()
                .name("id").string(s.key().sessionId())
                .name("appName").string(s.key().app())
                .name("userId").string(s.key().userId())
                .name("state");
        writeState(json, s.state());
        json.name("events");
        writeArray(json, s.events());
        json.name("createTime").number(s.createTime())
                .name("lastUpdateTime").number(s.lastUpdateTime())
                .name("version").number(s.version())
                .name("ttlSeconds").number(s.traits().ttlSeconds())
                .name("maxIdleSeconds").number(s.traits().maxIdleSeconds())
                .name("sizeBytes").number(s.traits().sizeBytes())
                .name("lastAccessTime").number(s.traits().lastAccessTime())
                .name("workerId").string(s.workerId())
                .endObject();
    }

    private static void writeState(JsonBytes json, Map<String, byte[]> state) {
        json.beginObject();
        state.forEach((k, v) -> json.name(k).raw(v));
        json.endObject();
    }

    private static void writeArray(JsonBytes json, List<byte[]> items) {
        json.beginArray();
        items.forEach(json::raw);
        json.endArray();
    }

    private static int estimate(Session s) {
        int size = 256 + sum(s.events());
        for (byte[] v : s.state().values()) {
            size += v.length + 32;
        }
        return size;
    }

    private static int sum(List<byte[]> items) {
        int size = 0;
        for (byte[] b : items) {
            size += b.length + 1;
        }
        return size;
    }
}
