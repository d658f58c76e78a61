package io.sessiongrid.spring.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which principal names stay themselves as grid user ids, and what the others become. */
class PrincipalOwnersTest {

    @Test
    void namesTheGridTakesStayThemselves() {
        assertThat(PrincipalOwners.ownerOf("alice")).isEqualTo("alice");
        assertThat(PrincipalOwners.ownerOf("alice@example.com")).isEqualTo("alice@example.com");
        assertThat(PrincipalOwners.ownerOf("Zoë 🙂 O'Brien")).isEqualTo("Zoë 🙂 O'Brien");
        assertThat(PrincipalOwners.ownerOf("a~b#c")).isEqualTo("a~b#c");
        assertThat(PrincipalOwners.ownerOf("x".repeat(128))).isEqualTo("x".repeat(128));
    }

    @Test
    void theOthersBecomeTheirHashUnderItsOwnPrefix() {
        // SHA-256 of the UTF-8 name, base64url without padding.
        assertThat(PrincipalOwners.ownerOf("~bob")).isEqualTo("#30-1uWyd5jj0VUKRiZHBpDoq42jaChgkMWjCfh9fVhA");
        // A name that looks hashed is hashed too, so it never meets a hashed one.
        assertThat(PrincipalOwners.ownerOf("#hash")).isEqualTo("#ysQeLTSFAp2NkiJ2VgueFJhkn9HWJCvuFtCxk4vvDzk");
        assertThat(PrincipalOwners.ownerOf("x".repeat(129))).startsWith("#").hasSize(44);
        assertThat(PrincipalOwners.ownerOf("")).startsWith("#").hasSize(44);
        assertThat(PrincipalOwners.ownerOf("tab\there")).startsWith("#");
        assertThat(PrincipalOwners.ownerOf("half \uD83D surrogate")).startsWith("#");
        assertThat(PrincipalOwners.ownerOf("x".repeat(129))).isNotEqualTo(PrincipalOwners.ownerOf("x".repeat(130)));
    }
}
