package school.activity.broadcaster.snapshot;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code activity.online-threshold}: when a user counts as online.
 *
 * @param onlineThreshold a user is online while their last activity is at most this old (database clock)
 */
@Validated
@ConfigurationProperties("activity")
public record OnlineProperties(
        @DefaultValue("30s") @DurationMin(millis = 1) Duration onlineThreshold) {
}
