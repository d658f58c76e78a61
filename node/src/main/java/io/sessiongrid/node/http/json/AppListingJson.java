package io.sessiongrid.node.http.json;

import io.sessiongrid.node.session.apps.AppCount;
import io.sessiongrid.node.session.apps.AppListing;

import java.util.List;
import java.util.Map;

/** Renders {@code GET /v1/apps}: the apps with their sessions per member, and which members answered. */
public final class AppListingJson {

    private AppListingJson() {
    }

    public static byte[] listing(AppListing listing) {
        JsonBytes json = new JsonBytes(256 + 128 * listing.apps().size()).beginObject().name("apps").beginArray();
        for (AppCount app : listing.apps()) {
            json.beginObject()
                    .name("app").string(app.app())
                    .name("configured").bool(app.configured())
                    .name("sessions").number(app.sessions())
                    .name("perMember").beginObject();
            for (Map.Entry<String, Long> member : app.perMember().entrySet()) {
                json.name(member.getKey()).number(member.getValue());
            }
            json.endObject().endObject();
        }
        json.endArray();
        strings(json.name("members"), listing.members());
        strings(json.name("answered"), listing.answered());
        return json.endObject().toByteArray();
    }

    private static void strings(JsonBytes json, List<String> values) {
        json.beginArray();
        values.forEach(json::string);
        json.endArray();
    }
}
