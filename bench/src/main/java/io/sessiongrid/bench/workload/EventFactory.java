package io.sessiongrid.bench.workload;

import io.sessiongrid.bench.store.BenchEvent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Agent events of a realistic size (~600 bytes of JSON): model text content, a small session delta
 * on every event, a {@code user:} delta on every 5th and an {@code app:} delta on every 10th.
 */
public final class EventFactory {

    private static final String TEXT = "The assistant looked up the order, found two matching parcels and asked "
            + "the user which delivery address to use. It suggested the default address from the profile and "
            + "offered to split the shipment if the items were needed at different places.";

    private EventFactory() {
    }

    /** Event number {@code n} (1-based) of a session. */
    public static BenchEvent event(String id, long n) {
        double timestamp = System.currentTimeMillis() / 1000.0;
        Map<String, String> session = new LinkedHashMap<>();
        session.put("step", Long.toString(n));
        session.put("last_tool", "\"order_lookup\"");
        Map<String, String> user = n % 5 == 0 ? Map.of("preferred_language", "\"en\"") : Map.of();
        Map<String, String> app = n % 10 == 0 ? Map.of("model_version", "\"v" + (n / 10) + "\"") : Map.of();

        StringBuilder json = new StringBuilder(700);
        json.append("{\"id\":\"").append(id).append("\",\"invocationId\":\"inv-").append(n)
                .append("\",\"author\":\"agent\",\"timestamp\":").append(timestamp)
                .append(",\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"").append(TEXT).append("\"}]}")
                .append(",\"actions\":{\"stateDelta\":{");
        String separator = "";
        for (Map.Entry<String, String> e : session.entrySet()) {
            json.append(separator).append('"').append(e.getKey()).append("\":").append(e.getValue());
            separator = ",";
        }
        for (Map.Entry<String, String> e : user.entrySet()) {
            json.append(separator).append("\"user:").append(e.getKey()).append("\":").append(e.getValue());
        }
        for (Map.Entry<String, String> e : app.entrySet()) {
            json.append(separator).append("\"app:").append(e.getKey()).append("\":").append(e.getValue());
        }
        json.append("}}}");
        return new BenchEvent(id, timestamp, json.toString(), session, user, app);
    }

    /** Session state of about {@code bytes} bytes of JSON in ten keys, as a web session's attributes. */
    public static Map<String, String> state(int bytes) {
        Map<String, String> state = new LinkedHashMap<>();
        int per = Math.max(1, bytes / 10 - 16);
        String filler = "x".repeat(per);
        for (int i = 0; i < 10; i++) {
            state.put("attr" + i, "\"" + filler + "\"");
        }
        return state;
    }
}
