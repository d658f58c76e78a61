package io.sessiongrid.node.http.json;

import io.sessiongrid.node.session.apps.AppCount;
import io.sessiongrid.node.session.apps.AppListing;

import java.util.List;
import java.util.Map;

/** Renders {@code GET /v1/apps}: the apps with their sessions per member, and which members answered. */
public final class AppListingJson {

    private AppListingJson() {
    }

    /**
     * @param members whether to name the members (per app and in the lists); without, only how many
     *                were asked and answered, as a token that may not see {@code /health}'s details gets
     */
    public static byte[] listing(AppListing listing, boolean members) {
        JsonBytes json = new JsonBytes(256 + 128 * listing.apps().size()).beginObject().name("apps").beginArray();
        for (AppCount app : listing.apps()) {
            json.beginObject()
                    .name("app").string(app.app())
                    .name("configured").bool(app.configured())
                    .name("sessions").number(app.sessions());
            if (members) {
                json.name("perMember").beginObject();
                for (Map.Entry<String, Long> member : app.perMember().entrySet()) {
                    json.name(member.getKey()).number(member.getValue());
                }
                json.endObject();
            }
            json.endObject();
        }
        json.endArray();
        if (members) {
            strings(json.name("members"), listing.members());
            strings(json.name("answered"), listing.answered());
        }
        json.name("membersAsked").number(listing.members().size())
                .name("membersAnswered").number(listing.answered().size());
        return json.endObject().toByteArray();
    }

    private static void strings(JsonBytes json, List<String> values) {
        json.beginArray();
        values.forEach(json::string);
        json.endArray();
    }
}
