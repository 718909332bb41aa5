package school.activity.tracker.publish;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import school.activity.testinfra.SharedKafka;
import school.activity.testinfra.TestInfrastructure;
import school.activity.tracker.ActivityRows;
import school.activity.tracker.EchoEndpoint;
import school.activity.testinfra.TcpProxy;
import school.activity.tracker.TestTokens;
import school.activity.tracker.TrackerClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracker starts with no Kafka at all and serves traffic; when Kafka appears on the configured address, the
 * topics get created and every user's newest activity reaches the database. The configured address is a relay to
 * the shared broker that refuses every connection until Kafka is "back": the embedded KRaft broker cannot be
 * started on a chosen port (its test kit ignores {@code kafkaPorts}), so a late broker cannot take that role.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "activity.jwt.secret=" + TestTokens.SECRET,
        "activity.tracker.flush-interval=100ms",
        "activity.tracker.producer.max-block=200ms",
        "activity.kafka.provision-retry-interval=500ms",
        "spring.kafka.admin.operation-timeout=1s",
        "spring.kafka.admin.close-timeout=1s"})
@Import(EchoEndpoint.class)
@DirtiesContext
class KafkaOutageTest {

    private static final int USERS = 20;
    private static final int ROUNDS_BEFORE_FAILURE_SEEN = 3;

    private static TcpProxy kafka;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws IOException {
        TestInfrastructure.registerDatabase(registry);
        String broker = SharedKafka.bootstrapServers().split(",")[0];
        int colon = broker.lastIndexOf(':');
        kafka = new TcpProxy(broker.substring(0, colon), Integer.parseInt(broker.substring(colon + 1)));
        kafka.down();
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + kafka.port());
        registry.add("activity.kafka.topic", () -> "activity-kafka-outage-" + UUID.randomUUID());
        registry.add("activity.tracker.consumer.group-id", () -> "tracker-kafka-outage-" + UUID.randomUUID());
    }

    @LocalServerPort
    private int port;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private ActivityRecorder recorder;

    @Test
    void requestsSucceedWithoutKafkaAndEveryFinalTimeArrivesWhenItComes() {
        ActivityRows rows = new ActivityRows(jdbc);
        TrackerClient client = new TrackerClient(port);
        List<Long> users = rows.seedUsers(USERS, "+99896");
        Map<Long, TrackerClient.Call> lastCalls = new ConcurrentHashMap<>();
        Runnable round = () -> users.forEach(user -> {
            TrackerClient.Call call = client.echo(TestTokens.valid(user, "+99896" + user));
            assertThat(call.response().statusCode()).isEqualTo(200);
            assertThat(call.response().body()).isEqualTo(EchoEndpoint.BODY);
            lastCalls.put(user, call);
        });

        for (int i = 0; i < ROUNDS_BEFORE_FAILURE_SEEN; i++) {
            round.run();
        }
        eventually().until(() -> {
            round.run();
            return meters.get("activity.tracker.publish.failures").counter().count() > 0;
        });
        round.run();
        // Each user's newest activity is kept, one entry per user however many requests came.
        eventually().until(() -> recorder.pendingUsers() == USERS);
        assertThat(rows.count(users)).isZero();

        kafka.up();

        eventually().untilAsserted(() -> {
            for (long user : users) {
                assertThat(rows.row(user)).as("user %d", user).hasValueSatisfying(row -> {
                    assertThat(lastCalls.get(user).brackets(row.lastActive())).isTrue();
                    assertThat(row.phone()).isEqualTo("+99896" + user);
                });
            }
        });
    }

    @AfterAll
    static void closeRelay() {
        kafka.close();
    }

    private static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200));
    }
}
