package school.activity.tracker.ingest;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code activity.tracker.consumer.*}: the batch consumer that writes activity into {@code user_activity}.
 *
 * @param enabled           false runs an HTTP-only replica (no consumer)
 * @param groupId           Kafka consumer group; replicas sharing it split the partitions
 * @param concurrency       consumer threads of this replica; the default matches the topic's default 3 partitions (at
 *                          most the partitions are busy, so extra replicas' threads stand by)
 * @param retry             back-off between attempts of a batch that failed (database down); retries never end
 * @param deadLetterTimeout longest wait for the dead-letter topic to acknowledge a record
 * @param maxFutureSkew     an event later than now plus this is refused (dead letter): it would pin the user online
 */
@Validated
@ConfigurationProperties("activity.tracker.consumer")
public record ConsumerProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("activity-tracker") @NotBlank String groupId,
        @DefaultValue("3") @Min(1) int concurrency,
        @DefaultValue @Valid @NotNull Retry retry,
        @DefaultValue("30s") @NotNull Duration deadLetterTimeout,
        @DefaultValue("5m") @NotNull Duration maxFutureSkew) {

    /**
     * @param initialInterval wait after the first failure
     * @param multiplier      growth of the wait after each further failure
     * @param maxInterval     the wait never exceeds this
     */
    public record Retry(
            @DefaultValue("1s") @NotNull Duration initialInterval,
            @DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
            @DefaultValue("30s") @NotNull Duration maxInterval) {

        public Retry {
            if (initialInterval != null && maxInterval != null
                    && (initialInterval.isNegative() || initialInterval.isZero() || maxInterval.compareTo(initialInterval) < 0)) {
                throw new IllegalArgumentException("activity.tracker.consumer.retry needs 0 < initial-interval <= max-interval");
            }
        }
    }
}
