package io.sessiongrid.node.http.hot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The header checks that decide whether the fast path may answer as the controller would. */
class HotRouteHeadersTest {

    @Test
    void takesJsonBodiesWithOrWithoutParameters() {
        assertThat(HotRoutes.isJson("application/json")).isTrue();
        assertThat(HotRoutes.isJson("Application/JSON; charset=utf-8")).isTrue();
        assertThat(HotRoutes.isJson(" application/json ;charset=UTF-8")).isTrue();
        assertThat(HotRoutes.isJson(null)).isFalse();
        assertThat(HotRoutes.isJson("text/plain")).isFalse();
        assertThat(HotRoutes.isJson("application/merge-patch+json")).isFalse();
        assertThat(HotRoutes.isJson("application/jsonx")).isFalse();
    }

    @Test
    void answersOnlyAnAcceptThatPlainlyListsJson() {
        assertThat(HotRoutes.acceptsJson(null)).isTrue();
        assertThat(HotRoutes.acceptsJson("*/*")).isTrue();
        assertThat(HotRoutes.acceptsJson("application/json, application/problem+json")).isTrue();
        assertThat(HotRoutes.acceptsJson("text/html, application/*")).isTrue();
        assertThat(HotRoutes.acceptsJson("text/html")).isFalse();
        assertThat(HotRoutes.acceptsJson("application/json;q=0")).isFalse();
        assertThat(HotRoutes.acceptsJson("application/problem+json")).isFalse();
    }
}
