package io.sessiongrid.spring.session.autoconfigure;

import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.spring.session.AttributeCodec;
import io.sessiongrid.spring.session.SessionGridSessionRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.session.autoconfigure.SessionAutoConfiguration;
import org.springframework.boot.session.autoconfigure.SessionTimeout;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.session.SessionRepository;
import org.springframework.session.config.annotation.web.http.SpringHttpSessionConfiguration;

import java.time.Duration;

/**
 * HTTP sessions in Session Grid when {@code sessiongrid.endpoints} is set: a {@link SessionGridClient},
 * the {@link SessionGridSessionRepository}, and Spring Session's filter ({@link SpringHttpSessionConfiguration},
 * as Boot's own store modules import theirs). Boot's {@link SessionAutoConfiguration}, which runs after,
 * registers the filter and builds the cookie from {@code server.servlet.session.cookie.*}, and gives the
 * timeout ({@code spring.session.timeout}, else {@code server.servlet.session.timeout}).
 */
@AutoConfiguration(before = SessionAutoConfiguration.class)
@ConditionalOnClass(SessionRepository.class)
@Conditional(OnGridEndpointsCondition.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SessionGridProperties.class)
@Import({SpringHttpSessionConfiguration.class, AttributeCodecConfiguration.class})
public class SessionGridSessionAutoConfiguration {

    private static final Duration SPRING_DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public SessionGridClient sessionGridClient(SessionGridProperties properties) {
        SessionGridClient.Builder builder = SessionGridClient.builder()
                .endpoints(properties.getEndpoints().toArray(String[]::new));
        if (properties.getToken() != null && !properties.getToken().isBlank()) {
            builder.token(properties.getToken());
        }
        if (properties.getTrustedCertificates() != null) {
            builder.trustedCertificates(properties.getTrustedCertificates());
        }
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    public SessionGridSessionRepository sessionRepository(SessionGridClient client, SessionGridProperties properties,
                                                          Environment environment, ObjectProvider<SessionTimeout> timeouts,
                                                          AttributeCodec codec, ApplicationEventPublisher events) {
        String app = properties.getApp() != null ? properties.getApp() : environment.getProperty("spring.application.name");
        if (app == null || app.isBlank()) {
            throw new IllegalStateException("Set sessiongrid.app (or spring.application.name): the grid app this"
                    + " application's HTTP sessions belong to");
        }
        SessionGridSessionRepository repository = new SessionGridSessionRepository(client, app);
        SessionGridProperties.Session session = properties.getSession();
        repository.setDefaultMaxInactiveInterval(timeout(session, timeouts));
        repository.setFlushMode(session.getFlushMode());
        repository.setSaveMode(session.getSaveMode());
        repository.setCodec(codec);
        repository.setApplicationEventPublisher(events);
        return repository;
    }

    /** sessiongrid.session.timeout, else Boot's (spring.session.timeout, server.servlet.session.timeout), else 30 minutes. */
    private static Duration timeout(SessionGridProperties.Session session, ObjectProvider<SessionTimeout> timeouts) {
        if (session.getTimeout() != null) {
            return session.getTimeout();
        }
        SessionTimeout boot = timeouts.getIfAvailable();
        Duration configured = boot == null ? null : boot.getTimeout();
        return configured != null ? configured : SPRING_DEFAULT_TIMEOUT;
    }
}
