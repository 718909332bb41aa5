package school.activity.broadcaster.config;

import java.time.Duration;

import jakarta.validation.constraints.Size;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code activity.*} settings that are not specific to one part of the broadcaster.
 *
 * @param onlineThreshold a user is online while their last activity is at most this old (database clock)
 * @param instanceId      this instance's name in {@code activity_broadcaster_instance}; blank: host name plus a
 *                        random suffix, so two instances on one host never share a row
 */
@Validated
@ConfigurationProperties("activity")
public record ActivityProperties(
        @DefaultValue("30s") @DurationMin(millis = 1) Duration onlineThreshold,
        @Size(max = 200) String instanceId) {
}
