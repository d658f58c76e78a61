package io.sessiongrid.spring.session.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.session.FlushMode;
import org.springframework.session.SaveMode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sessiongrid.*}: where the grid is and how this application's HTTP sessions live in it.
 * Setting {@code sessiongrid.endpoints} turns the auto-configuration on.
 */
@ConfigurationProperties("sessiongrid")
public class SessionGridProperties {

    /** Node URLs, e.g. http://sessiongrid:8080; the client fails over between them. */
    private List<String> endpoints = new ArrayList<>();

    /** The grid app the sessions belong to; defaults to spring.application.name. */
    private String app;

    /** API token, sent as a bearer token, when the grid requires one. */
    private String token;

    /**
     * PEM file of the certificates to trust for https endpoints (the nodes' own or their CA's), instead
     * of the JVM's trust store.
     */
    private Path trustedCertificates;

    private final Session session = new Session();

    public List<String> getEndpoints() {
        return endpoints;
    }

    public void setEndpoints(List<String> endpoints) {
        this.endpoints = endpoints;
    }

    public String getApp() {
        return app;
    }

    public void setApp(String app) {
        this.app = app;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public Path getTrustedCertificates() {
        return trustedCertificates;
    }

    public void setTrustedCertificates(Path trustedCertificates) {
        this.trustedCertificates = trustedCertificates;
    }

    public Session getSession() {
        return session;
    }

    /** {@code sessiongrid.session.*} */
    public static class Session {

        /** false: HTTP sessions stay the servlet container's own, on purpose (no warning, no failure). */
        private boolean enabled = true;

        /** Idle timeout of new sessions (a bare number is seconds); defaults to spring.session.timeout, else server.servlet.session.timeout, else 30 minutes. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration timeout;

        /** ON_SAVE (at the end of the request) or IMMEDIATE (at every change). */
        private FlushMode flushMode = FlushMode.ON_SAVE;

        /** ON_SET_ATTRIBUTE, ON_GET_ATTRIBUTE or ALWAYS: which attributes a save sends. */
        private SaveMode saveMode = SaveMode.ON_SET_ATTRIBUTE;

        /** JAVA (Serializable values, Spring Session's default) or JSON (readable, through the app's Jackson 3 JsonMapper, else its Jackson 2 ObjectMapper). */
        private AttributeEncoding attributeEncoding = AttributeEncoding.JAVA;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public FlushMode getFlushMode() {
            return flushMode;
        }

        public void setFlushMode(FlushMode flushMode) {
            this.flushMode = flushMode;
        }

        public SaveMode getSaveMode() {
            return saveMode;
        }

        public void setSaveMode(SaveMode saveMode) {
            this.saveMode = saveMode;
        }

        public AttributeEncoding getAttributeEncoding() {
            return attributeEncoding;
        }

        public void setAttributeEncoding(AttributeEncoding attributeEncoding) {
            this.attributeEncoding = attributeEncoding;
        }
    }

    public enum AttributeEncoding { JAVA, JSON }
}
