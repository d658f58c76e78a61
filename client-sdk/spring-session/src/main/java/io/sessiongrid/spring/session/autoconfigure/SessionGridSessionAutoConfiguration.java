package io.sessiongrid.spring.session.autoconfigure;

import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.spring.session.AttributeCodec;
import io.sessiongrid.spring.session.SessionGridSessionRepository;
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
import org.springframework.session.SessionRepository;
import org.springframework.session.config.annotation.web.http.SpringHttpSessionConfiguration;

/**
 * HTTP sessions of a servlet app in Session Grid when {@code sessiongrid.endpoints} is set: a
 * {@link SessionGridClient}, the {@link SessionGridSessionRepository}, and Spring Session's filter
 * ({@link SpringHttpSessionConfiguration}, as Boot's own store modules import theirs). Boot's
 * {@link SessionAutoConfiguration}, which runs after, registers the filter and builds the cookie from
 * {@code server.servlet.session.cookie.*}, and gives the timeout ({@code spring.session.timeout}, else
 * {@code server.servlet.session.timeout}).
 */
@AutoConfiguration(before = SessionAutoConfiguration.class)
@ConditionalOnClass(SessionRepository.class)
@Conditional(OnGridEndpointsCondition.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({SpringHttpSessionConfiguration.class, SessionGridClientConfiguration.class})
public class SessionGridSessionAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public SessionGridSessionRepository sessionRepository(SessionGridClient client, SessionGridProperties properties,
                                                          Environment environment, ObjectProvider<SessionTimeout> timeouts,
                                                          AttributeCodec codec, ApplicationEventPublisher events) {
        SessionGridSessionRepository repository = new SessionGridSessionRepository(client,
                SessionGridClientConfiguration.app(properties, environment));
        repository.setFlushMode(properties.getSession().getFlushMode());
        return SessionGridClientConfiguration.configure(repository, properties.getSession(), timeouts, codec, events);
    }
}
