package school.activity.tracker.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import school.activity.shared.contract.ActivityEvent;
import school.activity.shared.contract.ActivityEventCodec;
import school.activity.testinfra.SharedKafka;
import school.activity.tracker.KafkaProbe;

import static org.assertj.core.api.Assertions.assertThat;

/** The publisher against the real broker, without a Spring context. */
class ActivityPublisherTest {

    private static final Instant T0 = Instant.parse("2025-09-01T10:30:45.123456Z");
    private static final Duration NEVER = Duration.ofHours(1);

    private final String topic = "activity-publisher-" + UUID.randomUUID();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ActivityRecorder recorder = new ActivityRecorder(registry);
    private final KafkaProbe kafka = new KafkaProbe(SharedKafka.bootstrapServers());
    private DefaultKafkaProducerFactory<String, byte[]> factory;

    @AfterEach
    void closeProducer() {
        factory.destroy();
    }

    @Test
    void gracefulStopPublishesWhatIsPendingOneRecordPerUserKeyedByUser() {
        ActivityPublisher publisher = publisher(NEVER);
        publisher.start();
        recorder.record(new ActivityEvent(1, "+998901111111", T0));
        recorder.record(new ActivityEvent(1, "+998901111111", T0.plusSeconds(1)));
        recorder.record(new ActivityEvent(2, null, T0));

        publisher.stop();

        assertThat(recorder.pendingUsers()).isZero();
        assertThat(kafka.readAll(topic))
                .extracting(record -> record.key() + "=" + ActivityEventCodec.decode(record.value()))
                .containsExactlyInAnyOrder(
                        "1=" + new ActivityEvent(1, "+998901111111", T0.plusSeconds(1)),
                        "2=" + new ActivityEvent(2, null, T0));
        assertThat(registry.get("activity.tracker.events.published").counter().count()).isEqualTo(2);
    }

    @Test
    void withFlushIntervalZeroEachEventIsSentWithoutWaitingForAnInterval() {
        ActivityPublisher publisher = publisher(Duration.ZERO);
        publisher.start();
        try {
            recorder.record(new ActivityEvent(3, null, T0));

            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> registry.get("activity.tracker.events.published").counter().count() == 1);
            assertThat(kafka.readAll(topic)).hasSize(1);
        } finally {
            publisher.stop();
        }
    }

    private ActivityPublisher publisher(Duration flushInterval) {
        PublisherProperties properties = new PublisherProperties(flushInterval, Duration.ofSeconds(30),
                new PublisherProperties.Producer(Duration.ofSeconds(5), Duration.ofSeconds(15),
                        Duration.ofSeconds(60), Duration.ofMillis(5), "lz4"));
        Map<String, Object> settings = new HashMap<>(ProducerSettings.of(properties.producer()));
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        factory = new DefaultKafkaProducerFactory<>(settings);
        return new ActivityPublisher(recorder, new KafkaTemplate<>(factory), topic, properties, registry);
    }
}
