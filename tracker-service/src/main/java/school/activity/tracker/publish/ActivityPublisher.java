package school.activity.tracker.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

import school.activity.shared.contract.ActivityEvent;
import school.activity.shared.contract.ActivityEventCodec;

/**
 * Sends the recorder's pending activity to Kafka from a thread of its own, so no request ever waits for Kafka.
 * Every flush drains the recorder, sends one record per user (key = user id) and waits for the acknowledgements;
 * whatever fails goes back into the recorder (the newest time wins) and is sent by a later flush.
 */
public final class ActivityPublisher implements SmartLifecycle {

    /** Stops after the web server (phase {@code MAX_VALUE - 2048}) has finished the requests it was serving. */
    static final int PHASE = Integer.MAX_VALUE - 4096;
    /** With flush-interval 0 the thread sleeps until an event arrives; this bounds a sleep that missed its wake-up. */
    private static final Duration IDLE_WAIT = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(ActivityPublisher.class);

    private final ActivityRecorder recorder;
    private final KafkaTemplate<String, byte[]> template;
    private final String topic;
    private final Duration flushInterval;
    private final Duration acknowledgementWait;
    private final Duration shutdownFlushTimeout;
    private final Counter published;
    private final Counter failures;

    private volatile boolean running;
    private volatile Thread thread;
    private volatile boolean kafkaUnavailable;

    public ActivityPublisher(ActivityRecorder recorder, KafkaTemplate<String, byte[]> template, String topic,
            PublisherProperties properties, MeterRegistry registry) {
        this.recorder = recorder;
        this.template = template;
        this.topic = topic;
        this.flushInterval = properties.flushInterval();
        // The producer reports every record within delivery-timeout after the send returned.
        this.acknowledgementWait = properties.producer().deliveryTimeout().plus(properties.producer().maxBlock());
        this.shutdownFlushTimeout = properties.shutdownFlushTimeout();
        this.published = Counter.builder("activity.tracker.events.published")
                .description("Events acknowledged by Kafka").register(registry);
        this.failures = Counter.builder("activity.tracker.publish.failures")
                .description("Events whose send failed; they stay pending and are sent again").register(registry);
    }

    @Override
    public void start() {
        running = true;
        Thread publisher = new Thread(this::run, "activity-publisher");
        publisher.setDaemon(true);
        thread = publisher;
        if (flushInterval.isZero()) {
            recorder.onRecord(() -> LockSupport.unpark(publisher));
        }
        publisher.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread publisher = thread;
        if (publisher != null) {
            LockSupport.unpark(publisher);
            try {
                publisher.join(shutdownFlushTimeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Requests finished while the loop was ending: one last flush on the stopping thread.
        flush(shutdownFlushTimeout);
        int left = recorder.pendingUsers();
        if (left > 0) {
            log.warn("Shut down with {} users' activity not published (Kafka unavailable)", left);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void run() {
        long waitNanos = (flushInterval.isZero() ? IDLE_WAIT : flushInterval).toNanos();
        while (running) {
            LockSupport.parkNanos(this, waitNanos);
            try {
                flush(acknowledgementWait);
            } catch (RuntimeException e) {
                // The loop must survive anything: a dead publisher would silently stop all tracking.
                log.error("Activity flush failed: {}", e.toString());
            }
        }
    }

    /** Sends every pending event and waits for Kafka's answer; anything not acknowledged is put back. */
    void flush(Duration wait) {
        List<ActivityEvent> batch = recorder.drain();
        if (batch.isEmpty()) {
            return;
        }
        List<CompletableFuture<?>> sends = new ArrayList<>(batch.size());
        Throwable immediateFailure = null;
        for (ActivityEvent event : batch) {
            CompletableFuture<?> send = send(event);
            if (send.isCompletedExceptionally()) {
                // Failed without reaching the network (no metadata within max-block): every further send would
                // block as long, so the rest waits for the next flush.
                immediateFailure = failureOf(send);
                break;
            }
            sends.add(send);
        }
        List<ActivityEvent> failed = new ArrayList<>(batch.subList(sends.size(), batch.size()));
        Throwable cause = awaitAcknowledgements(batch, sends, wait, failed);
        if (failed.isEmpty()) {
            if (kafkaUnavailable) {
                kafkaUnavailable = false;
                log.info("Kafka is reachable again; pending activity published");
            }
        } else {
            restore(failed, immediateFailure != null ? immediateFailure : cause);
        }
    }

    private CompletableFuture<?> send(ActivityEvent event) {
        try {
            return template.send(topic, event.key(), ActivityEventCodec.encode(event));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Waits for the sends, adds the events of unacknowledged ones to {@code failed}; returns a failure cause. */
    private Throwable awaitAcknowledgements(List<ActivityEvent> batch, List<CompletableFuture<?>> sends,
            Duration wait, List<ActivityEvent> failed) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Looked at one by one below.
        }
        Throwable cause = null;
        int acknowledged = 0;
        for (int i = 0; i < sends.size(); i++) {
            CompletableFuture<?> send = sends.get(i);
            if (send.isDone() && !send.isCompletedExceptionally()) {
                acknowledged++;
            } else {
                failed.add(batch.get(i));
                cause = cause != null ? cause : failureOf(send);
            }
        }
        published.increment(acknowledged);
        return cause;
    }

    private void restore(List<ActivityEvent> events, Throwable cause) {
        events.forEach(recorder::restore);
        failures.increment(events.size());
        if (!kafkaUnavailable) {
            kafkaUnavailable = true;
            // Exception texts of the producer name topics and timeouts, never a record's content.
            log.warn("Kafka unavailable; keeping each user's newest activity until it is back ({} users now): {}",
                    recorder.pendingUsers(), String.valueOf(cause));
        } else {
            log.debug("Kafka still unavailable; {} users pending", recorder.pendingUsers());
        }
    }

    private static Throwable failureOf(CompletableFuture<?> send) {
        if (!send.isDone()) {
            return new TimeoutException("no acknowledgement in time");
        }
        try {
            send.getNow(null);
            return null;
        } catch (RuntimeException e) {
            return e.getCause() != null ? e.getCause() : e;
        }
    }
}
