package io.sessiongrid.spring.session.webflux;

import io.sessiongrid.spring.session.webapp.WebApp;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

import java.security.Principal;

/**
 * A WebFlux app with Spring Security's reactive form login, started twice by the tests: nothing in it
 * knows the grid; {@code sessiongrid.endpoints} puts its {@link WebSession}s there.
 */
@SpringBootApplication
public class ReactiveWebApp {

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http) {
        return http
                .authorizeExchange(auth -> auth.pathMatchers("/attributes/**", "/session").permitAll().anyExchange().authenticated())
                .formLogin(Customizer.withDefaults())
                .csrf(ServerHttpSecurity.CsrfSpec::disable)  // the tests post forms without a browser
                .build();
    }

    @Bean
    MapReactiveUserDetailsService users() {
        return new MapReactiveUserDetailsService(
                User.withUsername("dora").password("{noop}" + WebApp.password("dora")).roles("USER").build(),
                User.withUsername("ed").password("{noop}" + WebApp.password("ed")).roles("USER").build());
    }

    @RestController
    static class Routes {

        @GetMapping("/me")
        Mono<String> me(Mono<Principal> principal) {
            return principal.map(Principal::getName);
        }

        /** The session's id, starting the session. */
        @GetMapping("/session")
        Mono<String> session(WebSession session) {
            session.start();
            return Mono.just(session.getId());
        }

        @PostMapping("/attributes/{name}")
        Mono<String> set(WebSession session, @PathVariable String name, @RequestParam String value) {
            session.getAttributes().put(name, value);
            return Mono.just(session.getId());
        }

        /** The attribute as {@code <class> <value>}, or {@code none}. */
        @GetMapping("/attributes/{name}")
        Mono<String> get(WebSession session, @PathVariable String name) {
            Object value = session.getAttribute(name);
            return Mono.just(value == null ? "none" : value.getClass().getSimpleName() + " " + value);
        }
    }
}
