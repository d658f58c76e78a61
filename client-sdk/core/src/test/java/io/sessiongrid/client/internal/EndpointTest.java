package io.sessiongrid.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void dropsTrailingSlashesAndAppendsEncodedTargets() {
        ResourcePath target = ApiPaths.session("a", "u", "x y");

        assertThat(Endpoint.of(URI.create("http://127.0.0.1:8080/")).resolve(target))
                .isEqualTo(URI.create("http://127.0.0.1:8080/v1/apps/a/users/u/sessions/x%20y"));
        assertThat(Endpoint.of(URI.create("https://grid.example//")).resolve(target).getRawPath())
                .isEqualTo("/v1/apps/a/users/u/sessions/x%20y");
        assertThat(Endpoint.of(URI.create("http://proxy:80/grid/")).resolve(target))
                .isEqualTo(URI.create("http://proxy:80/grid/v1/apps/a/users/u/sessions/x%20y"));
    }

    @Test
    void keepsTheActionColonAndTheEncodedIdColonApart() {
        URI touch = Endpoint.of(URI.create("http://127.0.0.1:8080")).resolve(ApiPaths.sessionTouch("a", "u", "x:y z"));

        assertThat(touch.getRawPath()).isEqualTo("/v1/apps/a/users/u/sessions/x%3Ay%20z:touch");
        assertThat(touch.getPath()).isEqualTo("/v1/apps/a/users/u/sessions/x:y z:touch");
    }

    @Test
    void refusesNonHttpAndRelativeUris() {
        assertThatThrownBy(() -> Endpoint.of(URI.create("ftp://host")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("endpoint must be an http or https URI: ftp://host");
        assertThatThrownBy(() -> Endpoint.of(URI.create("localhost:8080")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Endpoint.of(URI.create("http://host:1/?a=b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("endpoint must not have a query or fragment: http://host:1/?a=b");
    }
}
