package io.sessiongrid.node.session.model;

import io.sessiongrid.node.http.json.SessionJson;
import io.sessiongrid.node.session.IdRules;
import io.sessiongrid.node.session.Session;
import io.sessiongrid.node.session.SessionBeans;
import io.sessiongrid.node.session.event.EventNormalizer;
import io.sessiongrid.node.session.event.IncomingEvent;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Heap per stored session stays near its JSON size: events are kept as their encoded bytes, not as
 * object trees. Goal: at most 1.5 times the session's JSON.
 */
class SessionRecordFootprintTest {

    private final EventNormalizer normalizer = new SessionBeans().eventNormalizer(new SessionBeans().stateJson(),
            new IdRules(256));

    @Test
    void typicalAgentSessionCostsAtMostOneAndAHalfTimesItsJson() {
        SessionRecord record = new SessionRecord(1_700_000_000.0, Map.of(), 0, 0);
        for (int i = 0; i < 200; i++) {
            String text = "Model reply number " + i + " with enough words to look like a real turn of a chat. ".repeat(4);
            IncomingEvent e = normalizer.normalize(("{\"id\":\"evt-" + i + "\",\"invocationId\":\"inv-" + (i / 4)
                    + "\",\"author\":\"agent\",\"timestamp\":" + (1_700_000_000 + i) + ".25,\"content\":{\"role\":\"model\","
                    + "\"parts\":[{\"text\":\"" + text + "\"}]},\"actions\":{\"stateDelta\":{\"turn\":" + i + "}}}")
                    .getBytes(StandardCharsets.UTF_8), 0);
            record.append(new StoredEvent(e.id(), e.timestamp(), i + 1, e.timestamp(), e.json()), e.delta().session(), 0);
        }
        SessionView view = record.view(EventWindow.ALL);
        int jsonSize = SessionJson.session(new Session(new SessionKey("app", "user", "session"), view.createTime(),
                view.lastUpdateTime(), view.version(), view.state(), view.events(), view.traits(), null)).length;

        long heap = GraphLayout.parseInstance(record).totalSize();

        System.out.printf("session JSON %d bytes, record heap %d bytes, ratio %.3f%n", jsonSize, heap, (double) heap / jsonSize);
        assertThat((double) heap / jsonSize).isLessThanOrEqualTo(1.5);
    }
}
