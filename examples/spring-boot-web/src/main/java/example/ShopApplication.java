package example;

import jakarta.servlet.http.HttpSession;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.Serializable;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain Spring Boot web app with form login and a cart in the HTTP session. Nothing here knows the
 * grid: the sessiongrid-spring-session dependency and sessiongrid.endpoints put its sessions there, so
 * every instance of the app sees the same logins and carts.
 */
@SpringBootApplication
public class ShopApplication {

    public static void main(String[] args) {
        SpringApplication.run(ShopApplication.class, args);
    }

    /** What the session holds: any Serializable value works. */
    public record Cart(List<String> items) implements Serializable {
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(auth -> auth.requestMatchers("/csrf").permitAll().anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                .build();
    }

    @Bean
    InMemoryUserDetailsManager users() {
        return new InMemoryUserDetailsManager(User.withUsername("alice").password("{noop}wonderland").roles("USER").build());
    }

    @RestController
    static class CartController {

        /** The session's CSRF token, for a script-driven client (kept in the session, so in the grid). */
        @GetMapping("/csrf")
        String csrf(CsrfToken token) {
            return token.getToken();
        }

        @PostMapping("/cart")
        Cart add(HttpSession session, @RequestParam String item) {
            Cart cart = (Cart) session.getAttribute("cart");
            List<String> items = new ArrayList<>(cart == null ? List.of() : cart.items());
            items.add(item);
            Cart updated = new Cart(List.copyOf(items));
            session.setAttribute("cart", updated);  // set again: a save sends the attributes set
            return updated;
        }

        @GetMapping("/cart")
        String show(HttpSession session, Principal principal) {
            Cart cart = (Cart) session.getAttribute("cart");
            return principal.getName() + "'s cart: " + (cart == null ? List.of() : cart.items());
        }
    }
}
