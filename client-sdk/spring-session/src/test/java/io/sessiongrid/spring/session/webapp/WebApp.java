package io.sessiongrid.spring.session.webapp;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.Serializable;
import java.security.Principal;
import java.util.List;
import java.util.stream.Stream;

/**
 * The web application the tests start twice: Spring Security form login with two users, and routes
 * that read and write HttpSession attributes of several types. Nothing in it knows about the grid: the
 * tests only set {@code sessiongrid.endpoints}.
 */
@SpringBootApplication
public class WebApp {

    /** An application's own attribute type. */
    public record Cart(String item, int count) implements Serializable {
    }

    /** The one user limited to a single session at a time (Spring Security's maximumSessions). */
    public static final String SINGLE_SESSION_USER = "frank";

    @Bean
    SecurityFilterChain security(HttpSecurity http, FindByIndexNameSessionRepository<? extends Session> sessions)
            throws Exception {
        return http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/attributes/**", "/session", "/timeout").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.defaultSuccessUrl("/me", true))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .sessionManagement(management -> management
                        .maximumSessions(-1)  // no limit, but for one user:
                        .maximumSessions(user -> SINGLE_SESSION_USER.equals(user.getName()) ? 1 : -1)
                        .sessionRegistry(new SpringSessionBackedSessionRegistry<>(sessions)))
                .csrf(csrf -> csrf.disable())  // the tests post forms without a browser
                .build();
    }

    /** A principal name the grid does not take as a user id (its anonymous owners start with '~'). */
    public static final String TILDE_USER = "~tilde";
    /** A principal name longer than the grid's user ids, with a character outside ASCII. */
    public static final String LONG_USER = "Ω" + "long".repeat(250);

    /** The user's password: the name and "-pw" (Spring Security refuses passwords over 72 bytes). */
    public static String password(String user) {
        return (user.length() > 40 ? user.substring(0, 40) : user) + "-pw";
    }

    @Bean
    InMemoryUserDetailsManager users() {
        return new InMemoryUserDetailsManager(Stream.of("alice", "bob", "carol", SINGLE_SESSION_USER, TILDE_USER, LONG_USER)
                .map(name -> User.withUsername(name).password("{noop}" + password(name)).roles("USER").build())
                .toArray(UserDetails[]::new));
    }

    @RestController
    static class Routes {

        @GetMapping("/me")
        String me(Principal principal) {
            return principal.getName();
        }

        /** A logout that keeps the session (and what it holds), as invalidateHttpSession(false) does. */
        @PostMapping("/signout-keep")
        String signOutKeepingTheSession(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
            SecurityContextLogoutHandler logout = new SecurityContextLogoutHandler();
            logout.setInvalidateHttpSession(false);
            logout.logout(request, response, authentication);
            return "signed out";
        }

        /** The session's id, creating the session. */
        @GetMapping("/session")
        String session(HttpServletRequest request) {
            return request.getSession(true).getId();
        }

        @PostMapping("/timeout")
        String timeout(HttpSession session, @RequestParam int seconds) {
            session.setMaxInactiveInterval(seconds);
            return session.getId();
        }

        @PostMapping("/attributes/{name}")
        String set(HttpSession session, @PathVariable String name, @RequestParam String type, @RequestParam String value) {
            Object typed = switch (type) {
                case "string" -> value;
                case "long" -> Long.parseLong(value);
                case "cart" -> new Cart(value, value.length());
                case "list" -> List.of(value.split(","));
                default -> throw new IllegalArgumentException(type);
            };
            session.setAttribute(name, typed);
            return session.getId();
        }

        /** The attribute as {@code <class> <value>}, or {@code none}. */
        @GetMapping("/attributes/{name}")
        String get(HttpServletRequest request, @PathVariable String name) {
            HttpSession session = request.getSession(false);
            Object value = session == null ? null : session.getAttribute(name);
            return value == null ? "none" : value.getClass().getSimpleName() + " " + value;
        }
    }
}
