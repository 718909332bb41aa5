package school.activity.tracker.publish;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code activity.kafka.*}: the activity topic and its dead-letter topic {@code <topic>-dlt}, both created at
 * start-up when missing.
 *
 * @param topic               topic of the activity events (key = user id)
 * @param partitions          partitions of both topics when they are created
 * @param replicationFactor   replication factor of both topics when they are created
 * @param provisionRetryInterval how often topic creation is retried while Kafka is unreachable
 */
@Validated
@ConfigurationProperties("activity.kafka")
public record ActivityTopicProperties(
        @DefaultValue("user-activity") @NotBlank String topic,
        @DefaultValue("3") @Min(1) int partitions,
        @DefaultValue("1") @Min(1) short replicationFactor,
        @DefaultValue("10s") @NotNull Duration provisionRetryInterval) {

    static final String DEAD_LETTER_SUFFIX = "-dlt";

    public String deadLetterTopic() {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
