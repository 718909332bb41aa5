package school.activity.tracker.publish;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import school.activity.shared.contract.ActivityEvent;

/**
 * A tracker's publisher in a process of its own, for {@link ActivityPublisherTest} to kill with SIGKILL: Kafka is
 * unreachable, the spill is on, it records one event per user and then waits to be killed.
 * Arguments: spill directory, number of users.
 */
final class SpillingPublisherProcess {

    static final PublisherProperties.Spill SPILL_OFF =
            new PublisherProperties.Spill(false, Path.of("activity-spill"), Duration.ofSeconds(10), Duration.ofSeconds(5));
    /** The first recorded time; user {@code u} is active at {@code T0 + u} seconds. */
    static final Instant T0 = Instant.parse("2025-09-01T10:30:45.123456Z");
    static final Duration QUICK = Duration.ofMillis(200);

    private SpillingPublisherProcess() {
    }

    /** Flush, give up on an unreachable broker, and spill, each within a fraction of a second. */
    static PublisherProperties properties(Path spillDirectory) {
        return new PublisherProperties(Duration.ofMillis(100), Duration.ofSeconds(5), 50_000,
                new PublisherProperties.Producer(QUICK, Duration.ofSeconds(15), Duration.ofSeconds(60),
                        Duration.ofMillis(5), "lz4"),
                new PublisherProperties.Spill(true, spillDirectory, QUICK, QUICK));
    }

    static ActivityEvent eventOf(long user) {
        return new ActivityEvent(user, "+99890" + (1_000_000 + user), T0.plusSeconds(user));
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        int users = Integer.parseInt(args[1]);
        PublisherProperties properties = properties(directory);
        Map<String, Object> producer = new HashMap<>(ProducerSettings.of(properties.producer()));
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + KafkaDownHeapHarness.unusedPort());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ActivityRecorder recorder = new ActivityRecorder(registry);
        ActivityPublisher publisher = new ActivityPublisher(recorder,
                new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producer)), "unreachable", properties, registry);
        publisher.start();
        for (long user = 1; user <= users; user++) {
            recorder.record(eventOf(user));
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
