package school.activity.tracker.ingest;

import java.util.Map;

import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The consumer's error handling, made explicit because Spring Kafka's default retries a failed batch a few times,
 * logs "Records discarded" and commits past it. Here a failed batch (database or dead-letter topic unavailable) is
 * retried with a capped exponential back-off that never ends. While it waits, the fallback batch handler keeps the
 * consumer paused and polls it, so the group does not rebalance and the batch's offsets are never committed before
 * it succeeds.
 */
final class IngestErrorHandling {

    private IngestErrorHandling() {
    }

    static DefaultErrorHandler create(ConsumerProperties.Retry retry) {
        DefaultErrorHandler handler = new DefaultErrorHandler(IngestErrorHandling::neverDiscard, backOff(retry));
        // Every exception is worth another attempt: the listener decodes by itself, so nothing it throws is a
        // property of the records (the default classifies a few types as fatal and would "recover" them at once).
        handler.setClassifications(Map.of(), true);
        return handler;
    }

    static BackOff backOff(ConsumerProperties.Retry retry) {
        ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        backOff.setMaxAttempts(Long.MAX_VALUE);
        return backOff;
    }

    /**
     * Reached only if retries ever ended. Throwing makes the handler seek back to the batch instead of committing
     * past it, so records are retried rather than lost.
     */
    private static void neverDiscard(Object record, Exception cause) {
        throw new IllegalStateException("activity records are never discarded", cause);
    }
}
