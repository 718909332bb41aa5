package school.activity.tracker;

import java.time.Duration;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import school.activity.testinfra.SharedKafka;
import school.activity.testinfra.TestInfrastructure;

/**
 * The one tracker context most tests share: real HTTP on a random port, the shared embedded Kafka with a topic
 * and consumer group of its own, a fresh PostgreSQL database. Tests keep apart by seeding users of their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "activity.jwt.secret=" + TestTokens.SECRET,
        "activity.tracker.flush-interval=200ms"})
@Import(EchoEndpoint.class)
public abstract class TrackerIntegrationTest {

    protected static final String TOPIC = "activity-it-" + UUID.randomUUID();
    protected static final String GROUP = "tracker-it-" + UUID.randomUUID();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("activity.kafka.topic", () -> TOPIC);
        registry.add("activity.tracker.consumer.group-id", () -> GROUP);
    }

    @LocalServerPort
    protected int port;
    /** Health and metrics: a port of their own, never the one clients use. */
    @LocalManagementPort
    protected int managementPort;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected MeterRegistry meters;

    protected TrackerClient client;
    protected ActivityRows rows;
    protected KafkaProbe kafka;

    @BeforeEach
    void connect() {
        client = new TrackerClient(port);
        rows = new ActivityRows(jdbc);
        kafka = new KafkaProbe(SharedKafka.bootstrapServers());
    }

    protected static ConditionFactory eventually() {
        return Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100));
    }

    protected double count(String counter) {
        return meters.get(counter).counter().count();
    }

    /** Waits until the tracker's consumer has committed everything written to the topic so far. */
    protected void awaitAllConsumed() {
        eventually().until(() -> kafka.allConsumed(TOPIC, GROUP));
    }
}
