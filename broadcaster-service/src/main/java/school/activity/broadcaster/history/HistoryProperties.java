package school.activity.broadcaster.history;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code activity.history.*}: the per-minute online counts behind {@code GET /activity/history}.
 *
 * @param retention       rows older than this are deleted
 * @param writeInterval   how often this instance tries to write the current minute; at most a minute, so no minute
 *                        goes without a try. The first instance to try writes it, the others find it written and
 *                        skip the count
 * @param deleteBatchSize rows deleted per statement when pruning, so a large backlog never holds a long lock
 */
@Validated
@ConfigurationProperties("activity.history")
public record HistoryProperties(
        @DefaultValue("30d") @DurationMin(minutes = 1) Duration retention,
        @DefaultValue("30s") @DurationMin(millis = 50) @DurationMax(seconds = 60) Duration writeInterval,
        @DefaultValue("1000") @Min(1) int deleteBatchSize) {
}
