package io.sessiongrid.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResourcePathTest {

    @Test
    void encodesReservedCharactersSpacesAndPercentInSegments() {
        assertThat(ResourcePath.encodeSegment("a b/../c%")).isEqualTo("a%20b%2F..%2Fc%25");
        assertThat(ResourcePath.encodeSegment("x?y#z&w=v+u;t:s@r")).isEqualTo("x%3Fy%23z%26w%3Dv%2Bu%3Bt%3As%40r");
        assertThat(ResourcePath.encodeSegment("safe-._~AZaz09")).isEqualTo("safe-._~AZaz09");
    }

    @Test
    void encodesUnicodeAsUtf8() {
        assertThat(ResourcePath.encodeSegment("ünï")).isEqualTo("%C3%BCn%C3%AF");
        assertThat(ResourcePath.encodeSegment("日本")).isEqualTo("%E6%97%A5%E6%9C%AC");
        assertThat(ResourcePath.encodeSegment("😀")).isEqualTo("%F0%9F%98%80");
    }

    @Test
    void encodesDotSegmentsSoTheyCannotBeNormalizedAway() {
        assertThat(ResourcePath.encodeSegment(".")).isEqualTo("%2E");
        assertThat(ResourcePath.encodeSegment("..")).isEqualTo("%2E%2E");
        assertThat(ResourcePath.encodeSegment("...")).isEqualTo("...");
    }

    @Test
    void buildsSessionPathsWithEveryIdEncoded() {
        assertThat(ApiPaths.session("my app", "u/1", "a b/../c%").target())
                .isEqualTo("/v1/apps/my%20app/users/u%2F1/sessions/a%20b%2F..%2Fc%25");
        assertThat(ApiPaths.events("ünï", "..", "%").target())
                .isEqualTo("/v1/apps/%C3%BCn%C3%AF/users/%2E%2E/sessions/%25/events");
        assertThat(ApiPaths.appSessions("a").target()).isEqualTo("/v1/apps/a/sessions");
        assertThat(ApiPaths.userSessions("a", "u").target()).isEqualTo("/v1/apps/a/users/u/sessions");
        assertThat(ApiPaths.appState("a").target()).isEqualTo("/v1/apps/a/state");
        assertThat(ApiPaths.userState("a", "u").target()).isEqualTo("/v1/apps/a/users/u/state");
    }

    @Test
    void appendsActionsUnencodedAfterTheEncodedLastSegment() {
        assertThat(ApiPaths.sessionTouch("a", "u", "s").target()).isEqualTo("/v1/apps/a/users/u/sessions/s:touch");
        // The id's own colon is encoded, so only the last, literal colon starts the action.
        assertThat(ApiPaths.sessionTouch("a", "u", "x:touch").target())
                .isEqualTo("/v1/apps/a/users/u/sessions/x%3Atouch:touch");
        assertThat(ApiPaths.sessionTouch("a", "u", "..").target()).isEqualTo("/v1/apps/a/users/u/sessions/%2E%2E:touch");
        assertThat(ApiPaths.userSessionCount("my app", "u/1").target())
                .isEqualTo("/v1/apps/my%20app/users/u%2F1/sessions:count");
        assertThat(ApiPaths.appPolicy("ünï").target()).isEqualTo("/v1/apps/%C3%BCn%C3%AF/policy");
    }

    @Test
    void buildsWorkerAffinityPathsWithEveryIdEncoded() {
        assertThat(ApiPaths.sessionWorker("my app", "u/1", "s 1").target())
                .isEqualTo("/v1/apps/my%20app/users/u%2F1/sessions/s%201/worker");
        assertThat(ApiPaths.sessionRoute("my app", "a/../b").target())
                .isEqualTo("/v1/apps/my%20app/sessions/a%2F..%2Fb/route");
        assertThat(ApiPaths.sessionRoute("a", "..").target()).isEqualTo("/v1/apps/a/sessions/%2E%2E/route");
        assertThat(ApiPaths.workerSessions("a", "w 1/ü").target()).isEqualTo("/v1/apps/a/workers/w%201%2F%C3%BC/sessions");
        assertThat(ApiPaths.workerSessionCount("a", "w?1").target()).isEqualTo("/v1/apps/a/workers/w%3F1/count");
        assertThat(ApiPaths.workerCounts("my app").target()).isEqualTo("/v1/apps/my%20app/workers:count");
        assertThat(ApiPaths.workerReroute("a", "old").target()).isEqualTo("/v1/apps/a/workers/old:reroute");
        // As with sessions, the worker id's own colon is encoded and only the literal one starts the action.
        assertThat(ApiPaths.workerReroute("a", "w:reroute").target())
                .isEqualTo("/v1/apps/a/workers/w%3Areroute:reroute");
        assertThat(ApiPaths.idleSessionSweep("a b").target()).isEqualTo("/v1/apps/a%20b/sessions:sweep-idle");
    }

    @Test
    void refusesNullAndEmptyWorkerIdsNamingTheParameter() {
        assertThatThrownBy(() -> ApiPaths.workerSessions("a", null))
                .isInstanceOf(NullPointerException.class).hasMessage("workerId must not be null");
        assertThatThrownBy(() -> ApiPaths.workerSessionCount("a", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("workerId must not be empty");
        assertThatThrownBy(() -> ApiPaths.workerReroute("a", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("fromWorker must not be empty");
        assertThatThrownBy(() -> ApiPaths.sessionRoute("a", null))
                .isInstanceOf(NullPointerException.class).hasMessage("sessionId must not be null");
        assertThatThrownBy(() -> ApiPaths.workerCounts(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("app must not be empty");
    }

    @Test
    void refusesActionsWithoutAPathOrAfterAQuery() {
        assertThatThrownBy(() -> ResourcePath.of("x").withQuery("q", 1).withAction("touch"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ResourcePath.of().withAction("touch"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ResourcePath.of("x").withAction(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("action must not be empty");
        assertThatThrownBy(() -> ApiPaths.sessionTouch("a", "u", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("sessionId must not be empty");
    }

    @Test
    void encodesQueryValuesAndSkipsNullOnes() {
        ResourcePath path = ApiPaths.events("a", "u", "s")
                .withQuery("pageSize", 10)
                .withQuery("pageToken", "a+b&c=d é")
                .withQuery("afterTimestamp", null);

        assertThat(path.target()).isEqualTo("/v1/apps/a/users/u/sessions/s/events?pageSize=10&pageToken=a%2Bb%26c%3Dd%20%C3%A9");
    }

    @Test
    void writesDoubleQueryValuesInPlainDecimalNotation() {
        assertThat(ResourcePath.of("x").withQuery("t", 1.7e9).target()).isEqualTo("/x?t=1700000000");
        assertThat(ResourcePath.of("x").withQuery("t", 1700000000.25).target()).isEqualTo("/x?t=1700000000.25");
        assertThat(ResourcePath.of("x").withQuery("t", 0.5).target()).isEqualTo("/x?t=0.5");
    }

    @Test
    void refusesNullAndEmptyIdsNamingTheParameter() {
        assertThatThrownBy(() -> ApiPaths.session(null, "u", "s"))
                .isInstanceOf(NullPointerException.class).hasMessage("app must not be null");
        assertThatThrownBy(() -> ApiPaths.session("a", null, "s"))
                .isInstanceOf(NullPointerException.class).hasMessage("userId must not be null");
        assertThatThrownBy(() -> ApiPaths.session("a", "u", null))
                .isInstanceOf(NullPointerException.class).hasMessage("sessionId must not be null");
        assertThatThrownBy(() -> ApiPaths.session("a", "u", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("sessionId must not be empty");
    }
}
