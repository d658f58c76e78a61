package io.sessiongrid.node.http.hot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which request lines the fast path takes, and what it reads from them; the rest is Micronaut's. */
class HotRouteTest {

    @Test
    void anAppendNamesItsSession() {
        HotRoute route = HotRoute.recognize("POST", "/v1/apps/agent/users/u-1/sessions/s_2.x~y@z/events");
        assertThat(route).isEqualTo(new HotRoute(HotRoute.Kind.APPEND, "agent", "u-1", "s_2.x~y@z", null, null));
    }

    @Test
    void aCreateNamesItsUser() {
        assertThat(HotRoute.recognize("POST", "/v1/apps/agent/users/u-1/sessions"))
                .isEqualTo(new HotRoute(HotRoute.Kind.CREATE, "agent", "u-1", null, null, null));
    }

    @Test
    void aReadTakesItsWindowFromTheQuery() {
        assertThat(HotRoute.recognize("GET", "/v1/apps/a/users/u/sessions/s"))
                .isEqualTo(new HotRoute(HotRoute.Kind.GET, "a", "u", "s", null, null));
        assertThat(HotRoute.recognize("GET", "/v1/apps/a/users/u/sessions/s?numRecentEvents=10"))
                .isEqualTo(new HotRoute(HotRoute.Kind.GET, "a", "u", "s", 10, null));
        assertThat(HotRoute.recognize("GET", "/v1/apps/a/users/u/sessions/s?afterTimestamp=1796636177.5&numRecentEvents=0"))
                .isEqualTo(new HotRoute(HotRoute.Kind.GET, "a", "u", "s", 0, 1796636177.5));
        assertThat(HotRoute.recognize("GET", "/v1/apps/a/users/u/sessions/s?afterTimestamp=-1.5e3"))
                .isEqualTo(new HotRoute(HotRoute.Kind.GET, "a", "u", "s", null, -1500.0));
    }

    @Test
    void outOfRangeValuesAreReadAsTheControllerReadsThemAndRefusedThere() {
        // -1 and 1e999 parse (to -1 and Infinity) and the shared window check answers 400, as for Micronaut
        assertThat(HotRoute.recognize("GET", "/v1/apps/a/users/u/sessions/s?numRecentEvents=-1").numRecentEvents()).isEqualTo(-1);
        assertThat(HotRoute.recognize("GET", "/v1/apps/a/users/u/sessions/s?afterTimestamp=1e999").afterTimestamp())
                .isEqualTo(Double.POSITIVE_INFINITY);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            GET    | /v1/apps/a/users/u/sessions/s/events
            POST   | /v1/apps/a/users/u/sessions/s
            PUT    | /v1/apps/a/users/u/sessions/s/events
            HEAD   | /v1/apps/a/users/u/sessions/s
            DELETE | /v1/apps/a/users/u/sessions/s
            POST   | /v1/apps/a/users/u/sessions/s:touch
            POST   | /v1/apps/a/users/u/sessions?x=1
            POST   | /v1/apps/a/users/u/sessions/
            POST   | /v1/apps/a/users/u%20v/sessions
            POST   | /v1/apps/a/sessions
            GET    | /v1/apps/a/users/u/sessions
            POST   | /v1/apps/a/sessions/s/events
            GET    | /v1/apps/a/sessions/s
            POST   | /v1/apps/a/users/u/sessions/s/events/
            POST   | /v1/apps/a/users/u/sessions/s/events?x=1
            POST   | /v1/apps/a/users/u/sessions//events
            POST   | /v1/apps/a/users/u/sessions/../events
            POST   | /v1/apps/a/users/./sessions/s/events
            POST   | /v1/apps/a/users/u%40x/sessions/s/events
            POST   | /v1/apps/a/users/u+x/sessions/s/events
            POST   | /v1/apps/a/users/u:x/sessions/s/events
            POST   | /v1/apps/a/users/u/sessions/s#f/events
            POST   | http://host/v1/apps/a/users/u/sessions/s/events
            POST   | /v2/apps/a/users/u/sessions/s/events
            GET    | /v1/apps/a/users/u/sessions/s?
            GET    | /v1/apps/a/users/u/sessions/s?numRecentEvents
            GET    | /v1/apps/a/users/u/sessions/s?numRecentEvents=
            GET    | /v1/apps/a/users/u/sessions/s?numRecentEvents=many
            GET    | /v1/apps/a/users/u/sessions/s?numRecentEvents=1234567890
            GET    | /v1/apps/a/users/u/sessions/s?numRecentEvents=1&numRecentEvents=2
            GET    | /v1/apps/a/users/u/sessions/s?numRecentEvents=%31
            GET    | /v1/apps/a/users/u/sessions/s?afterTimestamp=NaN
            GET    | /v1/apps/a/users/u/sessions/s?afterTimestamp=Infinity
            GET    | /v1/apps/a/users/u/sessions/s?afterTimestamp=0x1p3
            GET    | /v1/apps/a/users/u/sessions/s?afterTimestamp=1d
            GET    | /v1/apps/a/users/u/sessions/s?afterTimestamp=.5
            GET    | /v1/apps/a/users/u/sessions/s?pageSize=2
            GET    | /v1/apps/a/users/u/sessions/s?numRecentEvents=1&
            """)
    void leavesEverythingElseToMicronaut(String method, String uri) {
        assertThat(HotRoute.recognize(method, uri)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a b", "a%20b", "a/b", "é", "a\u0000"})
    void aSegmentIsPlainOnlyWhenItIsItsOwnDecodedValue(String segment) {
        assertThat(HotRoute.plain(segment)).isFalse();
    }
}
