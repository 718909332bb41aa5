package school.activity.support;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;

import school.activity.shared.schema.ActivitySchema;
import school.activity.shared.token.TokenVerifier;

/** What both services wire the same way: the token verifier and the activity schema's migrations. */
@AutoConfiguration
@EnableConfigurationProperties(JwtProperties.class)
public class ServiceSupportAutoConfiguration {

    /** Fails start-up when the key is missing, unreadable or shorter than 256 bits. */
    @Bean
    TokenVerifier tokenVerifier(JwtProperties properties) {
        return new TokenVerifier(properties.toSettings(), properties.cachedTokens());
    }

    /** Own history table, baseline on a non-empty database: see {@link ActivitySchema}. */
    @Bean
    FlywayConfigurationCustomizer activitySchemaFlywayCustomizer() {
        return ActivitySchema::configure;
    }
}
