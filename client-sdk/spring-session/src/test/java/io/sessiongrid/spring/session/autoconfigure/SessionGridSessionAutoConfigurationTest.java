package io.sessiongrid.spring.session.autoconfigure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.spring.session.AttributeCodec;
import io.sessiongrid.spring.session.JacksonJsonAttributeCodec;
import io.sessiongrid.spring.session.JavaSerializationCodec;
import io.sessiongrid.spring.session.ReactiveSessionGridSessionRepository;
import io.sessiongrid.spring.session.JsonAttributeCodec;
import io.sessiongrid.spring.session.SessionGridSessionRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.session.autoconfigure.SessionAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.SessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Which beans the auto-configuration makes, from which properties (no node needed: nothing connects). */
@ExtendWith(OutputCaptureExtension.class)
class SessionGridSessionAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(SessionGridSessionAutoConfiguration.class,
                    SessionGridUnconfiguredAutoConfiguration.class, SessionAutoConfiguration.class,
                    JacksonAutoConfiguration.class));

    @Test
    void withoutEndpointsItStaysOffAndSaysSo(CapturedOutput output) {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(SessionGridSessionRepository.class);
            assertThat(context).doesNotHaveBean(SessionGridClient.class);
        });
        assertThat(output).contains("sessiongrid-spring-session is on the classpath, but sessiongrid.endpoints is not"
                + " set, so HTTP sessions are the servlet container's own (each instance has its own, none in Session"
                + " Grid). Set sessiongrid.endpoints (env SESSIONGRID_ENDPOINTS)");
    }

    @Test
    void aMisspelledEndpointsFailsTheStartNamingWhatIsThere() {
        runner.withPropertyValues("sessiongrid.endpoint=http://127.0.0.1:1", "sessiongrid.app=shop").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageStartingWith("sessiongrid.endpoints is not set, so HTTP sessions are the servlet"
                                + " container's own")
                        .hasMessageEndingWith("These Session Grid settings are present but do nothing without it:"
                                + " sessiongrid.app, sessiongrid.endpoint"));
    }

    @Test
    void disabledOnPurposeIsSilentAndOff(CapturedOutput output) {
        runner.withPropertyValues("sessiongrid.session.enabled=false", "sessiongrid.app=shop").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(SessionGridSessionRepository.class);
        });
        runner.withPropertyValues("sessiongrid.session.enabled=false", "sessiongrid.endpoints=http://127.0.0.1:1",
                "spring.application.name=shop").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(SessionGridSessionRepository.class);
            assertThat(context).doesNotHaveBean(SessionGridClient.class);
        });
        assertThat(output).doesNotContain("sessiongrid-spring-session is on the classpath");
    }

    @Test
    void anEndpointBringsTheClientTheRepositoryAndTheFilter() {
        runner.withPropertyValues("sessiongrid.endpoints=http://127.0.0.1:1", "spring.application.name=shop",
                "spring.session.timeout=45m", "sessiongrid.token=t0k3n").run(context -> {
            assertThat(context).hasSingleBean(SessionGridClient.class);
            assertThat(context).hasSingleBean(SessionRepositoryFilter.class);
            SessionGridSessionRepository repository = context.getBean(SessionGridSessionRepository.class);
            assertThat(context.getBean(SessionRepository.class)).isSameAs(repository);
            assertThat(repository.app()).isEqualTo("shop");
            assertThat(repository.getDefaultMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(45));
            assertThat(repository.codec()).isInstanceOf(JavaSerializationCodec.class);
        });
    }

    @Test
    void itsOwnPropertiesWin() {
        runner.withPropertyValues("sessiongrid.endpoints=http://127.0.0.1:1", "spring.application.name=shop",
                "sessiongrid.app=web", "sessiongrid.session.timeout=2m", "spring.session.timeout=45m",
                "sessiongrid.session.attribute-encoding=json").run(context -> {
            SessionGridSessionRepository repository = context.getBean(SessionGridSessionRepository.class);
            assertThat(repository.app()).isEqualTo("web");
            assertThat(repository.getDefaultMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(2));
            assertThat(repository.codec()).isInstanceOf(JacksonJsonAttributeCodec.class);
        });
    }

    @Test
    void jsonGoesThroughBootsOwnMapperWithJavaTimeValues() {
        runner.withPropertyValues("sessiongrid.endpoints=http://127.0.0.1:1", "spring.application.name=shop",
                "sessiongrid.session.attribute-encoding=JSON").run(context -> {
            AttributeCodec codec = context.getBean(SessionGridSessionRepository.class).codec();
            Instant loggedIn = Instant.parse("2026-12-08T09:15:30.250Z");

            JsonNode stored = codec.encode(loggedIn);

            assertThat(stored.toString()).isEqualTo("{\"@class\":\"java.time.Instant\",\"value\":\"2026-12-08T09:15:30.250Z\"}");
            assertThat(codec.decode(stored)).isEqualTo(loggedIn);
        });
    }

    @Test
    void withoutBootsJsonMapperAJackson2ObjectMapperBeanIsUsed() {
        new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(
                        SessionGridSessionAutoConfiguration.class, SessionAutoConfiguration.class))
                .withPropertyValues("sessiongrid.endpoints=http://127.0.0.1:1", "spring.application.name=shop",
                        "sessiongrid.session.attribute-encoding=json")
                .withBean(ObjectMapper.class, ObjectMapper::new)
                .run(context -> assertThat(context.getBean(SessionGridSessionRepository.class).codec())
                        .isInstanceOf(JsonAttributeCodec.class));
    }

    @Test
    void anApplicationsOwnCodecWins() {
        AttributeCodec own = new JavaSerializationCodec(getClass().getClassLoader());
        runner.withPropertyValues("sessiongrid.endpoints=http://127.0.0.1:1", "spring.application.name=shop",
                "sessiongrid.session.attribute-encoding=json")
                .withBean(AttributeCodec.class, () -> own)
                .run(context -> assertThat(context.getBean(SessionGridSessionRepository.class).codec()).isSameAs(own));
    }

    @Test
    void endpointsAsAYamlListAndBareSecondsWork() {
        runner.withPropertyValues("sessiongrid.endpoints[0]=http://127.0.0.1:1", "sessiongrid.endpoints[1]=http://127.0.0.1:2",
                "spring.application.name=shop", "spring.session.timeout=1500").run(context -> {
            assertThat(context).hasSingleBean(SessionGridSessionRepository.class);
            assertThat(context.getBean(SessionGridSessionRepository.class).getDefaultMaxInactiveInterval())
                    .isEqualTo(Duration.ofMinutes(25));
        });
        runner.withPropertyValues("sessiongrid.endpoints=http://127.0.0.1:1", "spring.application.name=shop",
                "sessiongrid.session.timeout=90").run(context -> assertThat(context.getBean(SessionGridSessionRepository.class)
                .getDefaultMaxInactiveInterval()).isEqualTo(Duration.ofSeconds(90)));
    }

    @Test
    void aReactiveAppGetsTheReactiveRepositoryWithTheSameSettings(CapturedOutput output) {
        ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner().withConfiguration(
                AutoConfigurations.of(SessionGridSessionAutoConfiguration.class,
                        SessionGridReactiveSessionAutoConfiguration.class, SessionGridUnconfiguredAutoConfiguration.class,
                        SessionAutoConfiguration.class, JacksonAutoConfiguration.class))
                .withBean(ServerProperties.class, ServerProperties::new);  // a reactive server's, as Boot makes it

        reactive.withPropertyValues("sessiongrid.endpoints=http://127.0.0.1:1", "spring.application.name=shop",
                "spring.session.timeout=12m", "sessiongrid.session.attribute-encoding=json").run(context -> {
            ReactiveSessionGridSessionRepository repository = context.getBean(ReactiveSessionGridSessionRepository.class);
            assertThat(context.getBean(ReactiveSessionRepository.class)).isSameAs(repository);
            assertThat(context).doesNotHaveBean(SessionGridSessionRepository.class);
            assertThat(context).hasBean("webSessionManager");
            assertThat(repository.app()).isEqualTo("shop");
            assertThat(repository.getDefaultMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(12));
            assertThat(repository.codec()).isInstanceOf(JacksonJsonAttributeCodec.class);
        });
        reactive.run(context -> assertThat(context).doesNotHaveBean(ReactiveSessionGridSessionRepository.class));
        assertThat(output).contains("sessiongrid-spring-session is on the classpath, but sessiongrid.endpoints is not set");
    }

    @Test
    void withoutAnAppNameItFailsSayingWhatToSet() {
        runner.withPropertyValues("sessiongrid.endpoints=http://127.0.0.1:1").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("Set sessiongrid.app (or spring.application.name)"));
    }

    @Test
    void trustedCertificatesAreReadAtStartAndAMissingFileFailsNamingIt() {
        runner.withPropertyValues("sessiongrid.endpoints=https://127.0.0.1:1", "spring.application.name=shop",
                "sessiongrid.trusted-certificates=/nonexistent/grid-ca.pem").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("/nonexistent/grid-ca.pem"));
    }
}
