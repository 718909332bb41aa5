package school.activity.broadcaster.snapshot;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code activity.broadcast.*}: how often each channel is refreshed from the database.
 *
 * @param interval     time between two snapshots of a channel
 * @param queryTimeout a snapshot query running longer is cancelled and the tick skipped
 */
@Validated
@ConfigurationProperties("activity.broadcast")
public record BroadcastProperties(
        @DefaultValue("10s") @DurationMin(millis = 50) Duration interval,
        @DefaultValue("5s") @DurationMin(seconds = 1) Duration queryTimeout) {
}
