package io.sessiongrid.spring.session.autoconfigure;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.spring.session.JavaSerializationCodec;
import io.sessiongrid.spring.session.JsonAttributeCodec;
import io.sessiongrid.spring.session.SessionGridSessionRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.session.SessionRepository;
import org.springframework.session.config.annotation.web.http.SpringHttpSessionConfiguration;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * HTTP sessions in Session Grid when {@code sessiongrid.endpoints} is set: a {@link SessionGridClient},
 * the {@link SessionGridSessionRepository}, and Spring Session's filter. Boot's own session
 * auto-configuration backs off when it finds a repository bean but builds no filter for one it does
 * not know, so this imports {@link SpringHttpSessionConfiguration}, which does.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.autoconfigure.session.SessionAutoConfiguration")
@ConditionalOnClass(SessionRepository.class)
@Conditional(OnGridEndpointsCondition.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SessionGridProperties.class)
@Import(SpringHttpSessionConfiguration.class)
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
                                                          Environment environment, ObjectProvider<ObjectMapper> mappers,
                                                          ApplicationEventPublisher events, ResourceLoader resources) {
        String app = properties.getApp() != null ? properties.getApp() : environment.getProperty("spring.application.name");
        if (app == null || app.isBlank()) {
            throw new IllegalStateException("Set sessiongrid.app (or spring.application.name): the grid app this"
                    + " application's HTTP sessions belong to");
        }
        SessionGridSessionRepository repository = new SessionGridSessionRepository(client, app);
        SessionGridProperties.Session session = properties.getSession();
        // Boot reads a bare number in server.servlet.session.timeout as seconds.
        Duration timeout = session.getTimeout() != null ? session.getTimeout()
                : Binder.get(environment).bind("server.servlet.session.timeout", String.class)
                        .map(text -> DurationStyle.detectAndParse(text, ChronoUnit.SECONDS)).orElse(SPRING_DEFAULT_TIMEOUT);
        repository.setDefaultMaxInactiveInterval(timeout);
        repository.setFlushMode(session.getFlushMode());
        repository.setSaveMode(session.getSaveMode());
        // The application's class loader (DevTools' restart loader when it runs), where attribute classes live.
        ClassLoader classLoader = resources.getClassLoader();
        if (session.getAttributeEncoding() == SessionGridProperties.AttributeEncoding.JSON) {
            repository.setCodec(new JsonAttributeCodec(mappers.getIfAvailable(ObjectMapper::new), classLoader));
        } else {
            repository.setCodec(new JavaSerializationCodec(classLoader));
        }
        repository.setApplicationEventPublisher(events);
        return repository;
    }
}
