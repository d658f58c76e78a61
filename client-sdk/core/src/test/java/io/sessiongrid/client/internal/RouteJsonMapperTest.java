package io.sessiongrid.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessiongrid.client.Route;
import io.sessiongrid.client.RoutePage;
import org.junit.jupiter.api.Test;

class RouteJsonMapperTest {

    private final JsonCodec json = new JsonCodec();
    private final RouteJsonMapper mapper = new RouteJsonMapper();

    @Test
    void readsARouteLookup() {
        Route route = mapper.read(json.read(
                "{\"sessionId\":\"s 1\",\"userId\":\"u\",\"workerId\":\"w-1\",\"lastAccess\":1732451234.5,\"future\":1}"));

        assertThat(route).isEqualTo(new Route("s 1", "u", "w-1", 1732451234.5));
    }

    @Test
    void readsAnUnpinnedRouteWithoutLastAccessAsNullAndZero() {
        Route route = mapper.read(json.read("{\"sessionId\":\"s\",\"userId\":\"u\",\"workerId\":null}"));

        assertThat(route).isEqualTo(new Route("s", "u", null, 0));
    }

    @Test
    void readsRoutePages() {
        RoutePage page = mapper.readPage(json.read("{\"sessions\":[{\"sessionId\":\"a\",\"userId\":\"u1\","
                + "\"workerId\":\"w\"},{\"sessionId\":\"b\",\"userId\":\"u2\",\"workerId\":\"w\"}],"
                + "\"nextPageToken\":\"next\"}"));
        RoutePage last = mapper.readPage(json.read("{\"sessions\":[],\"nextPageToken\":null}"));

        assertThat(page.routes()).containsExactly(new Route("a", "u1", "w", 0), new Route("b", "u2", "w", 0));
        assertThat(page.nextPageToken()).isEqualTo("next");
        assertThat(page.hasNext()).isTrue();
        assertThat(last.routes()).isEmpty();
        assertThat(last.hasNext()).isFalse();
    }

    @Test
    void refusesNonObjects() {
        assertThatThrownBy(() -> mapper.read(json.read("[]")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("route must be a JSON object");
    }
}
