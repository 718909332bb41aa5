package school.activity.tracker.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.BatchMessageListener;

/**
 * Writes each poll's batch into {@code user_activity}: one upsert of every user's newest event, then the invalid
 * records and the newest record of each user missing from {@code users} (reason {@value #UNKNOWN_USER}, to replay
 * once the user exists) to the dead-letter topic. It returns only when both are done, so the container commits the offsets only
 * after the upsert committed; any failure throws, and the error handler retries the same batch until it succeeds.
 */
class ActivityBatchListener implements BatchMessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(ActivityBatchListener.class);
    /** The dead-letter reason of an event whose user is not in {@code users}. */
    static final String UNKNOWN_USER = "unknown_user";

    private final ActivityUpsertRepository repository;
    private final DeadLetterPublisher deadLetters;
    private final Clock clock;
    private final Duration maxFutureSkew;
    private final Counter consumed;
    private final Counter upserted;
    private final Counter unknownUsers;
    private final Counter deadLettered;
    private final Counter upsertFailures;
    private final Timer upsertTime;
    private volatile boolean failing;

    ActivityBatchListener(ActivityUpsertRepository repository, DeadLetterPublisher deadLetters, Clock clock,
            Duration maxFutureSkew, MeterRegistry registry) {
        this.repository = repository;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.maxFutureSkew = maxFutureSkew;
        this.consumed = Counter.builder("activity.tracker.events.consumed")
                .description("Records taken from the topic and handled").register(registry);
        this.upserted = Counter.builder("activity.tracker.rows.upserted")
                .description("user_activity rows inserted or moved forward").register(registry);
        this.unknownUsers = Counter.builder("activity.tracker.users.unknown")
                .description("Events whose user is not in users (dead-lettered as unknown_user)").register(registry);
        this.deadLettered = Counter.builder("activity.tracker.events.dead.lettered")
                .description("Records sent to the dead-letter topic").register(registry);
        this.upsertFailures = Counter.builder("activity.tracker.upsert.failures")
                .description("Batch upserts that failed (database unavailable); the batch is retried").register(registry);
        this.upsertTime = Timer.builder("activity.tracker.upsert")
                .description("Time of one batch upsert").register(registry);
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
        IncomingBatch batch = IncomingBatch.of(records, clock.instant().plus(maxFutureSkew));
        ActivityUpsertRepository.UpsertResult result = batch.latest().isEmpty()
                ? new ActivityUpsertRepository.UpsertResult(0, List.of())
                : upsert(batch);
        List<IncomingBatch.Rejected> rejected = new ArrayList<>(batch.rejected());
        for (Long user : result.unknownUserIds()) {
            rejected.add(new IncomingBatch.Rejected(batch.sources().get(user), UNKNOWN_USER));
        }
        try {
            deadLetters.publish(rejected);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("dead-letter topic did not acknowledge", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while dead-lettering", e);
        }
        consumed.increment(records.size());
        upserted.increment(result.written());
        unknownUsers.increment(result.unknownUsers());
        deadLettered.increment(rejected.size());
    }

    private ActivityUpsertRepository.UpsertResult upsert(IncomingBatch batch) {
        long start = System.nanoTime();
        try {
            ActivityUpsertRepository.UpsertResult result = repository.upsert(batch.latest());
            upsertTime.record(Duration.ofNanos(System.nanoTime() - start));
            if (failing) {
                failing = false;
                log.info("Database writes succeed again");
            }
            return result;
        } catch (RuntimeException e) {
            upsertFailures.increment();
            // Once per outage: retries follow at the configured back-off and would flood the log.
            if (!failing) {
                failing = true;
                log.warn("Activity upsert failed; retrying the batch until the database is back: {}",
                        NestedExceptionUtils.getMostSpecificCause(e).toString());
            } else {
                log.debug("Activity upsert failed again: {}", NestedExceptionUtils.getMostSpecificCause(e).toString());
            }
            throw e;
        }
    }
}
