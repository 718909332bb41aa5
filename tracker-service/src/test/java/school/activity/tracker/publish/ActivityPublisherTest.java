package school.activity.tracker.publish;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.support.SendResult;

import school.activity.shared.contract.ActivityEvent;
import school.activity.shared.contract.ActivityEventCodec;
import school.activity.testinfra.SharedKafka;
import school.activity.tracker.KafkaProbe;

import static org.assertj.core.api.Assertions.assertThat;

/** The publisher against the real broker, without a Spring context. */
class ActivityPublisherTest {

    private static final Instant T0 = Instant.parse("2025-09-01T10:30:45.123456Z");
    private static final Duration NEVER = Duration.ofHours(1);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int MANY = 50_000;

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
        assertThat(published()).isEqualTo(2);
    }

    @Test
    void withFlushIntervalZeroEachEventIsSentWithoutWaitingForAnInterval() {
        ActivityPublisher publisher = publisher(Duration.ZERO);
        publisher.start();
        try {
            recorder.record(new ActivityEvent(3, null, T0));

            Awaitility.await().atMost(WAIT).until(() -> published() == 1);
            assertThat(kafka.readAll(topic)).hasSize(1);
        } finally {
            publisher.stop();
        }
    }

    @Test
    void aFlushDoesNotWaitForTheAnswersOfTheFlushBefore() {
        HeldAcknowledgements broker = new HeldAcknowledgements();
        ActivityPublisher publisher = publisher(broker, MANY);
        publisher.start();
        try {
            recorder.record(new ActivityEvent(1, null, T0));
            Awaitility.await().atMost(WAIT).until(() -> broker.held() == 1);
            recorder.record(new ActivityEvent(2, null, T0));

            // The first send is unanswered, yet the next interval's event leaves the process too: a kill -9 of the
            // tracker can only lose what was recorded within the last interval.
            Awaitility.await().atMost(WAIT).until(() -> broker.held() == 2);
            assertThat(unacknowledged()).isEqualTo(2);
            assertThat(recorder.pendingUsers()).isZero();

            broker.acknowledgeAll();
            assertThat(published()).isEqualTo(2);
            assertThat(unacknowledged()).isZero();
        } finally {
            publisher.stop();
        }
    }

    @Test
    void aFailedSendGoesBackToTheRecorderAndIsSentAgain() {
        HeldAcknowledgements broker = new HeldAcknowledgements();
        ActivityPublisher publisher = publisher(broker, MANY);
        publisher.start();
        try {
            recorder.record(new ActivityEvent(1, null, T0));
            recorder.record(new ActivityEvent(2, "+998901234567", T0));
            Awaitility.await().atMost(WAIT).until(() -> broker.held() == 2);

            broker.failAll(new TimeoutException("Expiring 2 record(s)"));

            Awaitility.await().atMost(WAIT).until(() -> broker.held() == 2);
            assertThat(broker.heldEvents()).containsExactlyInAnyOrder(new ActivityEvent(1, null, T0),
                    new ActivityEvent(2, "+998901234567", T0));
            assertThat(registry.get("activity.tracker.publish.failures").counter().count()).isEqualTo(2);
            broker.acknowledgeAll();
            assertThat(published()).isEqualTo(2);
        } finally {
            publisher.stop();
        }
    }

    @Test
    void beyondTheUnacknowledgedLimitActivityWaitsInTheRecorderOnePerUser() {
        HeldAcknowledgements broker = new HeldAcknowledgements();
        ActivityPublisher publisher = publisher(broker, 1);
        publisher.start();
        try {
            recorder.record(new ActivityEvent(1, null, T0));
            Awaitility.await().atMost(WAIT).until(() -> broker.held() == 1);
            recorder.record(new ActivityEvent(2, null, T0));
            recorder.record(new ActivityEvent(2, null, T0.plusSeconds(1)));

            Awaitility.await().during(Duration.ofMillis(500)).atMost(WAIT)
                    .until(() -> broker.held() == 1 && recorder.pendingUsers() == 1);

            broker.acknowledgeAll();
            Awaitility.await().atMost(WAIT).until(() -> broker.held() == 1);
            assertThat(broker.heldEvents()).containsExactly(new ActivityEvent(2, null, T0.plusSeconds(1)));
            broker.acknowledgeAll();
            assertThat(published()).isEqualTo(2);
        } finally {
            publisher.stop();
        }
    }

    @Test
    void aGracefulStopWaitsForTheAnswersOfEverySend() throws Exception {
        HeldAcknowledgements broker = new HeldAcknowledgements();
        ActivityPublisher publisher = publisher(broker, MANY);
        publisher.start();
        recorder.record(new ActivityEvent(1, null, T0));
        Awaitility.await().atMost(WAIT).until(() -> broker.held() == 1);

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(publisher::stop);
        Awaitility.await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> !stopped.isDone());
        broker.acknowledgeAll();

        stopped.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(published()).isEqualTo(1);
    }

    @Test
    void activitySpilledWhileKafkaWasDownReachesKafkaAfterTheTrackerWasKilled(@TempDir Path spillDirectory)
            throws Exception {
        int users = 3;
        Path spilled = spillDirectory.resolve(RecorderSpill.FILE_NAME);
        Path output = spillDirectory.resolve("killed-publisher.log");
        Process killed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SpillingPublisherProcess.class.getName(),
                spillDirectory.toString(), Integer.toString(users))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            Awaitility.await().atMost(WAIT).until(() -> Files.exists(spilled)
                    && Files.readAllLines(spilled).size() == users);
        } finally {
            killed.destroyForcibly(); // SIGKILL: no graceful stop, no last flush
            killed.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        assertThat(Files.readAllLines(spilled)).hasSize(users);

        PublisherProperties properties = SpillingPublisherProcess.properties(spillDirectory);
        ActivityPublisher restarted = new ActivityPublisher(recorder, new KafkaTemplate<>(producerFactory()), topic,
                properties, registry);
        restarted.start();
        try {
            Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(kafka.readAll(topic))
                    .extracting(record -> ActivityEventCodec.decode(record.value()))
                    .containsExactlyInAnyOrder(SpillingPublisherProcess.eventOf(1), SpillingPublisherProcess.eventOf(2),
                            SpillingPublisherProcess.eventOf(3)));
            // Acknowledged by Kafka, so the file goes.
            Awaitility.await().atMost(WAIT).until(() -> !Files.exists(spilled));
        } finally {
            restarted.stop();
        }
    }

    private double published() {
        return registry.get("activity.tracker.events.published").counter().count();
    }

    private double unacknowledged() {
        return registry.get("activity.tracker.publish.unacknowledged").gauge().value();
    }

    private ActivityPublisher publisher(Duration flushInterval) {
        return new ActivityPublisher(recorder, new KafkaTemplate<>(producerFactory()), topic,
                properties(flushInterval, MANY), registry);
    }

    /** A publisher whose sends the test answers itself, flushing every 100 ms. */
    private ActivityPublisher publisher(HeldAcknowledgements broker, int maxUnacknowledged) {
        return new ActivityPublisher(recorder, broker, topic, properties(Duration.ofMillis(100), maxUnacknowledged),
                registry);
    }

    private static PublisherProperties properties(Duration flushInterval, int maxUnacknowledged) {
        return new PublisherProperties(flushInterval, WAIT, maxUnacknowledged,
                new PublisherProperties.Producer(Duration.ofSeconds(5), Duration.ofSeconds(15),
                        Duration.ofSeconds(60), Duration.ofMillis(5), "lz4"), SpillingPublisherProcess.SPILL_OFF);
    }

    private DefaultKafkaProducerFactory<String, byte[]> producerFactory() {
        Map<String, Object> settings = new HashMap<>(ProducerSettings.of(properties(NEVER, MANY).producer()));
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        factory = new DefaultKafkaProducerFactory<>(settings);
        return factory;
    }

    /**
     * Stands in for the broker's answers, so a test decides when (and whether) a send is acknowledged: the
     * publisher's scheduling cannot be shown against a real broker, which answers too fast, and a dead one makes
     * the producer fail sends at once or hold them, depending on what its metadata says.
     */
    private final class HeldAcknowledgements extends KafkaTemplate<String, byte[]> {
        private final Map<CompletableFuture<SendResult<String, byte[]>>, ActivityEvent> sends =
                new ConcurrentHashMap<>();

        HeldAcknowledgements() {
            super(producerFactory());
        }

        @Override
        public CompletableFuture<SendResult<String, byte[]>> send(String topic, String key, byte[] data) {
            CompletableFuture<SendResult<String, byte[]>> send = new CompletableFuture<>();
            sends.put(send, ActivityEventCodec.decode(data));
            return send;
        }

        int held() {
            return sends.size();
        }

        List<ActivityEvent> heldEvents() {
            return List.copyOf(sends.values());
        }

        void acknowledgeAll() {
            answerAll(send -> send.complete(null));
        }

        void failAll(Exception cause) {
            answerAll(send -> send.completeExceptionally(new KafkaException("send failed", cause)));
        }

        private void answerAll(Consumer<CompletableFuture<SendResult<String, byte[]>>> answer) {
            for (CompletableFuture<SendResult<String, byte[]>> send : List.copyOf(sends.keySet())) {
                sends.remove(send);
                answer.accept(send);
            }
        }
    }
}
