package io.sessiongrid.spring.session.autoconfigure;

import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.spring.session.AttributeCodec;
import io.sessiongrid.spring.session.ReactiveSessionGridSessionRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.session.autoconfigure.SessionAutoConfiguration;
import org.springframework.boot.session.autoconfigure.SessionTimeout;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.config.annotation.web.server.SpringWebSessionConfiguration;
import reactor.core.publisher.Mono;

/**
 * WebFlux sessions in Session Grid when {@code sessiongrid.endpoints} is set: the
 * {@link ReactiveSessionGridSessionRepository} on the SDK's non-blocking calls, and Spring Session's
 * {@code WebSessionManager} ({@link SpringWebSessionConfiguration}), placed before WebFlux's own session
 * manager and after Boot's cookie resolver ({@code server.reactive.session.cookie.*}), as Boot's Redis
 * module does. The timeout is {@code spring.session.timeout}, else {@code server.reactive.session.timeout}.
 */
@AutoConfiguration(before = SessionAutoConfiguration.class,
        beforeName = {"org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration",
                "org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration"},
        afterName = "org.springframework.boot.webflux.autoconfigure.WebSessionIdResolverAutoConfiguration")
@ConditionalOnClass({ReactiveSessionRepository.class, Mono.class})
@Conditional(OnGridEndpointsCondition.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@Import({SpringWebSessionConfiguration.class, SessionGridClientConfiguration.class})
public class SessionGridReactiveSessionAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public ReactiveSessionGridSessionRepository reactiveSessionRepository(
            SessionGridClient client, SessionGridProperties properties, Environment environment,
            ObjectProvider<SessionTimeout> timeouts, AttributeCodec codec, ApplicationEventPublisher events) {
        ReactiveSessionGridSessionRepository repository = new ReactiveSessionGridSessionRepository(client,
                SessionGridClientConfiguration.app(properties, environment));
        return SessionGridClientConfiguration.configure(repository, properties.getSession(), timeouts, codec, events);
    }
}
