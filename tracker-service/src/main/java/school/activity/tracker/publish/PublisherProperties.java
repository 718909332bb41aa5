package school.activity.tracker.publish;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code activity.tracker.*} of the publishing side: how recorded activity reaches Kafka.
 *
 * @param flushInterval        how often the newest activity per user is sent; 0 sends each event at once
 * @param shutdownFlushTimeout how long a graceful shutdown waits for the last flush and every acknowledgement
 * @param maxUnacknowledged    sends the producer may hold unanswered; beyond, flushes wait and activity stays in the
 *                             recorder (one entry per user), which bounds the heap while a broker stalls
 * @param producer             the Kafka producer's bounds
 * @param spill                keeping the pending activity on disk while Kafka is unreachable
 */
@Validated
@ConfigurationProperties("activity.tracker")
public record PublisherProperties(
        @DefaultValue("1s") @NotNull Duration flushInterval,
        @DefaultValue("10s") @NotNull Duration shutdownFlushTimeout,
        @DefaultValue("50000") @Positive int maxUnacknowledged,
        @DefaultValue @Valid @NotNull Producer producer,
        @DefaultValue @Valid @NotNull Spill spill) {

    public PublisherProperties {
        requireNotNegative(flushInterval, "activity.tracker.flush-interval");
        requireNotNegative(shutdownFlushTimeout, "activity.tracker.shutdown-flush-timeout");
    }

    /**
     * @param maxBlock        longest a send may block the publisher thread (metadata or buffer wait)
     * @param requestTimeout  longest the producer waits for one broker response
     * @param deliveryTimeout longest the producer keeps retrying one record before it reports a failure; at least
     *                        {@code linger + request-timeout}
     * @param linger          how long the producer waits to fill a batch
     * @param compression     compression codec: none, gzip, snappy, lz4 or zstd
     */
    public record Producer(
            @DefaultValue("1s") @NotNull Duration maxBlock,
            @DefaultValue("15s") @NotNull Duration requestTimeout,
            @DefaultValue("60s") @NotNull Duration deliveryTimeout,
            @DefaultValue("5ms") @NotNull Duration linger,
            @DefaultValue("lz4") @Pattern(regexp = "none|gzip|snappy|lz4|zstd") String compression) {

        public Producer {
            requireNotNegative(maxBlock, "activity.tracker.producer.max-block");
            requireNotNegative(linger, "activity.tracker.producer.linger");
            if (deliveryTimeout != null && requestTimeout != null && linger != null
                    && deliveryTimeout.compareTo(requestTimeout.plus(linger)) < 0) {
                // Kafka would refuse this only when the first record is sent; refuse it at start-up instead.
                throw new IllegalArgumentException(
                        "activity.tracker.producer.delivery-timeout must be at least request-timeout + linger");
            }
        }
    }

    /**
     * {@code activity.tracker.spill.*}: while Kafka has been unreachable for longer than {@code after}, the recorder's
     * newest activity per user is written to {@code directory} every {@code interval} (one line per user, replaced
     * atomically), replayed at the next start and deleted once Kafka acknowledged it. Without it a tracker killed
     * during a Kafka outage loses what it had not published.
     *
     * @param enabled   off by default; on in the compose stack (with a volume)
     * @param directory where the file ({@code pending-activity.jsonl}) lives; one directory per tracker process
     * @param after     how long Kafka must have been unreachable before the first write
     * @param interval  time between two writes while it stays unreachable
     */
    public record Spill(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("activity-spill") @NotNull Path directory,
            @DefaultValue("10s") @NotNull Duration after,
            @DefaultValue("5s") @NotNull Duration interval) {

        public Spill {
            requireNotNegative(after, "activity.tracker.spill.after");
            if (interval != null && (interval.isNegative() || interval.isZero())) {
                throw new IllegalArgumentException("activity.tracker.spill.interval must be positive");
            }
        }
    }

    private static void requireNotNegative(Duration value, String name) {
        if (value != null && value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }
}
