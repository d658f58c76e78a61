package example;

import jakarta.servlet.http.HttpSession;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import java.io.Serializable;
import java.net.URI;
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
                .formLogin(form -> form.defaultSuccessUrl("/", true))
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

        /** A page for a browser: the cart, a form that adds to it (with the CSRF token), and the node serving. */
        @GetMapping(value = "/", produces = "text/html")
        String page(HttpSession session, Principal principal, CsrfToken csrf,
                    @Value("${local.server.port}") int port) {
            return """
                    <!doctype html><title>Shop</title>
                    <p>%s (served by the instance on port %d; session %s)</p>
                    <form method="post" action="/cart/add"><input name="item" placeholder="item" autofocus>
                    <input type="hidden" name="%s" value="%s"><button>Add</button></form>
                    <form method="post" action="/logout"><input type="hidden" name="%s" value="%s"><button>Log out</button></form>
                    """.formatted(HtmlUtils.htmlEscape(show(session, principal)), port, session.getId(),
                    csrf.getParameterName(), csrf.getToken(), csrf.getParameterName(), csrf.getToken());
        }

        /** The page's form: adds the item, then back to the page. */
        @PostMapping("/cart/add")
        ResponseEntity<Void> addFromForm(HttpSession session, @RequestParam String item) {
            add(session, item);
            return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/")).build();
        }

        @GetMapping("/cart")
        String show(HttpSession session, Principal principal) {
            Cart cart = (Cart) session.getAttribute("cart");
            return principal.getName() + "'s cart: " + (cart == null ? List.of() : cart.items());
        }
    }
}
