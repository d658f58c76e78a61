package io.sessiongrid.spring.session.autoconfigure;

import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.spring.session.AttributeCodec;
import io.sessiongrid.spring.session.GridSessionRepositorySupport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.session.autoconfigure.SessionTimeout;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

import java.time.Duration;

/**
 * The {@link SessionGridClient} of {@code sessiongrid.*}, the attribute codec, and how both repositories
 * (servlet and reactive) are set up from the properties: the servlet and the reactive auto-configuration
 * import it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SessionGridProperties.class)
@Import(AttributeCodecConfiguration.class)
class SessionGridClientConfiguration {

    private static final Duration SPRING_DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    SessionGridClient sessionGridClient(SessionGridProperties properties) {
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

    /** The grid app: sessiongrid.app, else spring.application.name; one is required. */
    static String app(SessionGridProperties properties, Environment environment) {
        String app = properties.getApp() != null ? properties.getApp() : environment.getProperty("spring.application.name");
        if (app == null || app.isBlank()) {
            throw new IllegalStateException("Set sessiongrid.app (or spring.application.name): the grid app this"
                    + " application's HTTP sessions belong to");
        }
        return app;
    }

    /** The settings both repositories take from the properties, Boot's timeout and the context. */
    static <R extends GridSessionRepositorySupport> R configure(R repository, SessionGridProperties.Session session,
                                                                ObjectProvider<SessionTimeout> timeouts,
                                                                AttributeCodec codec,
                                                                ApplicationEventPublisher events) {
        repository.setDefaultMaxInactiveInterval(timeout(session, timeouts));
        repository.setSaveMode(session.getSaveMode());
        repository.setCodec(codec);
        repository.setApplicationEventPublisher(events);
        return repository;
    }

    /** sessiongrid.session.timeout, else Boot's (spring.session.timeout, server.*.session.timeout), else 30 minutes. */
    private static Duration timeout(SessionGridProperties.Session session, ObjectProvider<SessionTimeout> timeouts) {
        if (session.getTimeout() != null) {
            return session.getTimeout();
        }
        SessionTimeout boot = timeouts.getIfAvailable();
        Duration configured = boot == null ? null : boot.getTimeout();
        return configured != null ? configured : SPRING_DEFAULT_TIMEOUT;
    }
}
