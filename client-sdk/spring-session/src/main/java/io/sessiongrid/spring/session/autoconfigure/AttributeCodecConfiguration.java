package io.sessiongrid.spring.session.autoconfigure;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessiongrid.spring.session.AttributeCodec;
import io.sessiongrid.spring.session.JacksonJsonAttributeCodec;
import io.sessiongrid.spring.session.JavaSerializationCodec;
import io.sessiongrid.spring.session.JsonAttributeCodec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link AttributeCodec} of {@code sessiongrid.session.attribute-encoding}, unless the application
 * defines its own. JSON goes through the application's mapper: Boot 4's Jackson 3 {@link JsonMapper}
 * when there is one, else a Jackson 2 {@link ObjectMapper} bean (an app on {@code spring-boot-jackson2}),
 * else a default mapper. Classes are resolved with the application's class loader (DevTools' restart
 * loader when it runs), where attribute classes live.
 */
@Configuration(proxyBeanMethods = false)
class AttributeCodecConfiguration {

    private static final String ENCODING = "sessiongrid.session.attribute-encoding";

    @Bean
    @ConditionalOnMissingBean(AttributeCodec.class)
    @ConditionalOnProperty(name = ENCODING, havingValue = "java", matchIfMissing = true)
    AttributeCodec sessionGridJavaSerializationCodec(ResourceLoader resources) {
        return new JavaSerializationCodec(resources.getClassLoader());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JsonMapper.class)
    @ConditionalOnProperty(name = ENCODING, havingValue = "json")
    static class Jackson3 {

        @Bean
        @ConditionalOnMissingBean(AttributeCodec.class)
        AttributeCodec sessionGridJsonCodec(ObjectProvider<JsonMapper> jackson3, ObjectProvider<ObjectMapper> jackson2,
                                            ResourceLoader resources) {
            ClassLoader classLoader = resources.getClassLoader();
            JsonMapper mapper = jackson3.getIfAvailable();
            if (mapper == null) {
                ObjectMapper legacy = jackson2.getIfAvailable();
                if (legacy != null) {
                    return new JsonAttributeCodec(legacy, classLoader);
                }
                mapper = JsonMapper.builder().build();
            }
            return new JacksonJsonAttributeCodec(mapper, classLoader);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("tools.jackson.databind.json.JsonMapper")
    @ConditionalOnProperty(name = ENCODING, havingValue = "json")
    static class Jackson2 {

        @Bean
        @ConditionalOnMissingBean(AttributeCodec.class)
        AttributeCodec sessionGridJsonCodec(ObjectProvider<ObjectMapper> jackson2, ResourceLoader resources) {
            return new JsonAttributeCodec(jackson2.getIfAvailable(() -> new ObjectMapper().findAndRegisterModules()),
                    resources.getClassLoader());
        }
    }
}
