package io.sessiongrid.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiongrid.client.Session;
import io.sessiongrid.client.SessionPage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionJsonMapperTest {

    private final JsonCodec json = new JsonCodec();
    private final SessionJsonMapper mapper = new SessionJsonMapper(new EventJsonMapper(json));

    @Test
    void readsAllSessionFieldsKeepingStateOrderAndDecimals() {
        Session session = mapper.read(json.read("{\"id\":\"s 1\",\"appName\":\"app\",\"userId\":\"u\","
                + "\"state\":{\"b\":1.10,\"app:theme\":\"dark\",\"user:n\":null,\"a\":{\"deep\":[true]}},"
                + "\"events\":[{\"id\":\"e1\",\"author\":\"user\",\"timestamp\":1700000000.125}],"
                + "\"createTime\":1700000000.5,\"lastUpdateTime\":1700000001,\"version\":7,\"future\":1}"));

        assertThat(session.id()).isEqualTo("s 1");
        assertThat(session.appName()).isEqualTo("app");
        assertThat(session.userId()).isEqualTo("u");
        assertThat(session.state()).containsExactly(
                org.assertj.core.api.Assertions.entry("b", json.read("1.10")),
                org.assertj.core.api.Assertions.entry("app:theme", json.read("\"dark\"")),
                org.assertj.core.api.Assertions.entry("user:n", json.read("null")),
                org.assertj.core.api.Assertions.entry("a", json.read("{\"deep\":[true]}")));
        assertThat(session.state().get("b").toString()).isEqualTo("1.10");
        assertThat(session.events()).hasSize(1);
        assertThat(session.events().get(0).id()).isEqualTo("e1");
        assertThat(session.events().get(0).timestamp()).isEqualTo(1700000000.125);
        assertThat(session.createTime()).isEqualTo(1700000000.5);
        assertThat(session.lastUpdateTime()).isEqualTo(1700000001.0);
        assertThat(session.version()).isEqualTo(7L);
    }

    @Test
    void readsLifetimeAndSize() {
        Session session = mapper.read(json.read("{\"id\":\"s\",\"state\":{},\"events\":[],\"version\":1,"
                + "\"ttlSeconds\":3600,\"maxIdleSeconds\":900,\"sizeBytes\":2048}"));

        assertThat(session.ttl()).isEqualTo(Duration.ofHours(1));
        assertThat(session.maxIdle()).isEqualTo(Duration.ofMinutes(15));
        assertThat(session.sizeBytes()).isEqualTo(2048L);
    }

    @Test
    void zeroOrAbsentLifetimeMeansNoneAndAbsentSizeIsZero() {
        Session unlimited = mapper.read(json.read("{\"id\":\"s\",\"ttlSeconds\":0,\"maxIdleSeconds\":0,\"sizeBytes\":10}"));
        Session fromOlderNode = mapper.read(json.read("{\"id\":\"s\",\"version\":1}"));

        assertThat(unlimited.ttl()).isEqualTo(Duration.ZERO);
        assertThat(unlimited.maxIdle()).isEqualTo(Duration.ZERO);
        assertThat(unlimited.sizeBytes()).isEqualTo(10L);
        assertThat(fromOlderNode.ttl()).isEqualTo(Duration.ZERO);
        assertThat(fromOlderNode.maxIdle()).isEqualTo(Duration.ZERO);
        assertThat(fromOlderNode.sizeBytes()).isZero();
        assertThat(fromOlderNode.workerId()).isNull();
        assertThat(fromOlderNode.lastAccessTime()).isZero();
    }

    @Test
    void readsTheWorkerAndTheLastAccessTime() {
        Session pinned = mapper.read(json.read("{\"id\":\"s\",\"lastUpdateTime\":1732450000.25,"
                + "\"workerId\":\"w-1\",\"lastAccessTime\":1732451234.5}"));
        Session unpinned = mapper.read(json.read("{\"id\":\"s\",\"workerId\":null,\"lastAccessTime\":1732451234}"));

        assertThat(pinned.workerId()).isEqualTo("w-1");
        assertThat(pinned.lastAccessTime()).isEqualTo(1732451234.5);
        assertThat(pinned.lastUpdateTime()).isEqualTo(1732450000.25);
        assertThat(unpinned.workerId()).isNull();
        assertThat(unpinned.lastAccessTime()).isEqualTo(1732451234.0);
    }

    @Test
    void sessionRecordTreatsNullTimeoutsAsNone() {
        Session session = new Session("s", "app", "u", null, null, 1, 1, 0, null, null, 0, null, 0);

        assertThat(session.ttl()).isEqualTo(Duration.ZERO);
        assertThat(session.maxIdle()).isEqualTo(Duration.ZERO);
    }

    @Test
    void readsSessionPages() {
        SessionPage page = mapper.readPage(json.read("{\"sessions\":[{\"id\":\"a\",\"events\":[]},"
                + "{\"id\":\"b\",\"events\":[]}],\"nextPageToken\":\"next\"}"));
        SessionPage last = mapper.readPage(json.read("{\"sessions\":[],\"nextPageToken\":null}"));

        assertThat(page.sessions()).extracting(Session::id).containsExactly("a", "b");
        assertThat(page.nextPageToken()).isEqualTo("next");
        assertThat(page.hasNext()).isTrue();
        assertThat(last.sessions()).isEmpty();
        assertThat(last.hasNext()).isFalse();
    }
}
