package school.activity.tracker.publish;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

import school.activity.shared.contract.ActivityEvent;
import school.activity.shared.contract.ActivityEventCodec;

/**
 * Sends the recorder's pending activity to Kafka from a thread of its own, so no request ever waits for Kafka.
 * Every flush interval the thread drains the recorder and hands one record per user (key = user id) to the
 * producer, without waiting for the acknowledgements of earlier flushes: a slow broker or a starved CPU never
 * stretches the time between a request and its event leaving the process beyond one interval, which is what a
 * kill -9 can lose. Acknowledgements arrive on the producer's thread; an event whose send fails goes back into the
 * recorder (the newest time wins) and is sent by a later flush. What may be in the producer at once is bounded by
 * its buffer: a send that finds it full blocks for max-block, fails and is put back. With the spill on, what is
 * pending also goes to disk while Kafka stays unreachable ({@link RecorderSpill}), and a spill left by a killed
 * process is published first.
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
    private final Duration shutdownFlushTimeout;
    private final int maxUnacknowledged;
    private final Counter published;
    private final Counter failures;
    /** Sends handed to the producer and not yet answered; a graceful stop waits for them. */
    private final AtomicInteger unacknowledged = new AtomicInteger();
    private final Object acknowledgements = new Object();

    private volatile boolean running;
    private volatile Thread thread;
    private final AtomicBoolean kafkaUnavailable = new AtomicBoolean();
    /** When the current Kafka outage was first seen ({@link System#nanoTime()}), while there is one. */
    private volatile long unavailableSinceNanos;
    /** Null when the spill is off. */
    private final RecorderSpill spill;
    private final long spillAfterNanos;
    private final long spillIntervalNanos;
    private volatile long lastSpillNanos;

    public ActivityPublisher(ActivityRecorder recorder, KafkaTemplate<String, byte[]> template, String topic,
            PublisherProperties properties, MeterRegistry registry) {
        this.recorder = recorder;
        this.template = template;
        this.topic = topic;
        this.flushInterval = properties.flushInterval();
        this.shutdownFlushTimeout = properties.shutdownFlushTimeout();
        this.maxUnacknowledged = properties.maxUnacknowledged();
        PublisherProperties.Spill spillSettings = properties.spill();
        this.spill = spillSettings.enabled() ? new RecorderSpill(spillSettings.directory()) : null;
        this.spillAfterNanos = spillSettings.after().toNanos();
        this.spillIntervalNanos = spillSettings.interval().toNanos();
        this.published = Counter.builder("activity.tracker.events.published")
                .description("Events acknowledged by Kafka").register(registry);
        this.failures = Counter.builder("activity.tracker.publish.failures")
                .description("Events whose send failed; they stay pending and are sent again").register(registry);
        Gauge.builder("activity.tracker.publish.unacknowledged", unacknowledged, AtomicInteger::get)
                .description("Events handed to the producer and not yet acknowledged").register(registry);
    }

    @Override
    public void start() {
        if (spill != null) {
            // Before any new request's activity: the recorder keeps the newest per user either way.
            spill.replay().forEach(recorder::restore);
        }
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
        long deadline = System.nanoTime() + shutdownFlushTimeout.toNanos();
        if (publisher != null) {
            LockSupport.unpark(publisher);
            try {
                publisher.join(shutdownFlushTimeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Requests finished while the loop was ending: one last flush on the stopping thread, then every answer.
        flush();
        if (!awaitAcknowledgements(deadline)) {
            log.warn("Shut down with {} events unacknowledged by Kafka", unacknowledged.get());
        }
        int left = recorder.pendingUsers();
        if (left > 0 && spill != null) {
            spill.write(recorder.snapshot());
            log.warn("Shut down with {} users' activity not published (Kafka unavailable); spilled to {} for the next"
                    + " start", left, spill.file());
        } else if (left > 0) {
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

    /** Fixed rate: the next flush is due one interval after the previous one was due, however long a flush took. */
    private void run() {
        boolean eventDriven = flushInterval.isZero();
        long intervalNanos = (eventDriven ? IDLE_WAIT : flushInterval).toNanos();
        long due = System.nanoTime() + intervalNanos;
        while (running) {
            long now = System.nanoTime();
            if (now - due < 0) {
                LockSupport.parkNanos(this, due - now);
                if (!eventDriven && running && System.nanoTime() - due < 0) {
                    continue; // woken early (spuriously): the interval is not over yet
                }
            }
            boolean handedOver = true;
            try {
                handedOver = flush();
            } catch (RuntimeException e) {
                // The loop must survive anything: a dead publisher would silently stop all tracking.
                log.error("Activity flush failed: {}", e.toString());
            }
            // A flush the producer refused (Kafka unreachable: it blocked for max-block) waits a whole interval
            // before the next attempt; a slow one is followed at once, without a backlog of missed intervals.
            long after = System.nanoTime();
            spillIfDue(after);
            due = eventDriven || !handedOver ? after + intervalNanos : Math.max(due + intervalNanos, after);
        }
    }

    /** Writes the pending activity to disk once Kafka has been unreachable long enough, then every interval. */
    private void spillIfDue(long now) {
        if (spill == null || !kafkaUnavailable.get() || now - unavailableSinceNanos < spillAfterNanos
                || (lastSpillNanos != 0 && now - lastSpillNanos < spillIntervalNanos)) {
            return;
        }
        try {
            spill.write(recorder.snapshot());
        } catch (RuntimeException e) {
            log.warn("Pending activity could not be spilled: {}", e.toString());
        }
        lastSpillNanos = now;
    }

    /**
     * Hands every pending event to the producer; the answers arrive later, failures are put back then. While too
     * many sends are unanswered (the broker stalls with our metadata cached) the events stay in the recorder, one
     * per user, instead of piling up as records in the producer.
     *
     * @return false when the producer refused a send outright (no metadata or no buffer within max-block)
     */
    boolean flush() {
        if (unacknowledged.get() >= maxUnacknowledged) {
            log.debug("{} events unacknowledged; this flush waits", unacknowledged.get());
            return true;
        }
        List<ActivityEvent> batch = recorder.drain();
        for (int i = 0; i < batch.size(); i++) {
            ActivityEvent event = batch.get(i);
            CompletableFuture<?> send = send(event);
            if (send.isCompletedExceptionally()) {
                // Failed without reaching the network (no metadata or no buffer within max-block): every further
                // send would block as long, so the rest waits for the next flush.
                restore(batch.subList(i, batch.size()), failureOf(send));
                return false;
            }
            unacknowledged.incrementAndGet();
            send.whenComplete((result, failure) -> answered(event, failure));
        }
        return true;
    }

    private CompletableFuture<?> send(ActivityEvent event) {
        try {
            return template.send(topic, event.key(), ActivityEventCodec.encode(event));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** On the producer's thread. */
    private void answered(ActivityEvent event, Throwable failure) {
        if (failure == null) {
            published.increment();
            if (spill != null) {
                spill.acknowledged(event);
            }
            if (kafkaUnavailable.compareAndSet(true, false)) {
                log.info("Kafka is reachable again; pending activity is being published");
            }
        } else {
            restore(List.of(event), unwrapped(failure));
        }
        if (unacknowledged.decrementAndGet() == 0) {
            synchronized (acknowledgements) {
                acknowledgements.notifyAll();
            }
        }
    }

    /** True once every send handed to the producer has been answered, false if the deadline came first. */
    private boolean awaitAcknowledgements(long deadlineNanos) {
        synchronized (acknowledgements) {
            while (unacknowledged.get() > 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(acknowledgements, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    private void restore(List<ActivityEvent> events, Throwable cause) {
        events.forEach(recorder::restore);
        failures.increment(events.size());
        if (kafkaUnavailable.compareAndSet(false, true)) {
            unavailableSinceNanos = System.nanoTime();
            lastSpillNanos = 0;
            // Exception texts of the producer name topics and timeouts, never a record's content.
            log.warn("Kafka unavailable; keeping each user's newest activity until it is back ({} users now): {}",
                    recorder.pendingUsers(), String.valueOf(cause));
        } else {
            log.debug("Kafka still unavailable; {} users pending", recorder.pendingUsers());
        }
    }

    private static Throwable failureOf(CompletableFuture<?> send) {
        try {
            send.getNow(null);
            return null;
        } catch (RuntimeException e) {
            return unwrapped(e);
        }
    }

    /** The send's own failure rather than the future's wrapper around it. */
    private static Throwable unwrapped(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
