package school.activity.tracker.ingest;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import school.activity.testinfra.SharedPostgres;
import school.activity.testinfra.TestInfrastructure;
import school.activity.tracker.ActivityRows;
import school.activity.tracker.EchoEndpoint;
import school.activity.tracker.LogCapture;
import school.activity.testinfra.TcpProxy;
import school.activity.tracker.TestTokens;
import school.activity.tracker.TrackerClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL unreachable (the tracker's connections go through a relay the test cuts) for more than twenty retry
 * intervals while requests keep coming; afterwards every user's final time is right and nothing was discarded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "activity.jwt.secret=" + TestTokens.SECRET,
        "activity.tracker.flush-interval=100ms",
        "activity.tracker.consumer.retry.initial-interval=50ms",
        "activity.tracker.consumer.retry.max-interval=100ms",
        "spring.datasource.hikari.connection-timeout=250",
        "spring.datasource.hikari.validation-timeout=250",
        "spring.datasource.hikari.maximum-pool-size=2"})
@Import(EchoEndpoint.class)
@DirtiesContext
class PostgresOutageTest {

    private static final String TOPIC = "activity-pg-outage-" + UUID.randomUUID();
    private static final int USERS = 10;
    private static final int RETRY_INTERVALS = 20;

    private static TcpProxy proxy;
    private static String directUrl;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws IOException {
        SharedPostgres postgres = SharedPostgres.get();
        directUrl = postgres.createDatabase();
        URI database = URI.create(directUrl.substring("jdbc:".length()));
        proxy = new TcpProxy(database.getHost(), database.getPort());
        String proxied = directUrl.replace(database.getHost() + ":" + database.getPort(), "127.0.0.1:" + proxy.port());
        registry.add("spring.datasource.url", () -> proxied);
        if (postgres.user() != null) {
            registry.add("spring.datasource.username", postgres::user);
            registry.add("spring.datasource.password", postgres::password);
        }
        TestInfrastructure.registerKafka(registry);
        registry.add("activity.kafka.topic", () -> TOPIC);
        registry.add("activity.tracker.consumer.group-id", () -> "tracker-pg-outage-" + UUID.randomUUID());
    }

    @AfterAll
    static void closeProxy() {
        proxy.close();
    }

    @LocalServerPort
    private int port;
    @Autowired
    private MeterRegistry meters;

    @Test
    void everyFinalTimeIsRightAfterTheDatabaseComesBack() {
        SharedPostgres postgres = SharedPostgres.get();
        ActivityRows rows = new ActivityRows(new JdbcTemplate(
                new DriverManagerDataSource(directUrl, postgres.user(), postgres.password())));
        TrackerClient client = new TrackerClient(port);
        List<Long> users = rows.seedUsers(USERS, "+99895");
        Map<Long, TrackerClient.Call> lastCalls = new ConcurrentHashMap<>();
        Runnable round = () -> users.forEach(user -> {
            TrackerClient.Call call = client.echo(TestTokens.valid(user, null));
            assertThat(call.response().statusCode()).isEqualTo(200);
            lastCalls.put(user, call);
        });

        try (LogCapture logs = new LogCapture()) {
            round.run();
            eventually().until(() -> rows.count(users) == USERS);
            double failuresBefore = upsertFailures();

            proxy.down();
            // Requests keep coming while the consumer fails again and again at its retry interval.
            eventually().until(() -> {
                round.run();
                return upsertFailures() >= failuresBefore + RETRY_INTERVALS;
            });
            round.run();
            proxy.up();

            eventually().untilAsserted(() -> {
                for (long user : users) {
                    assertThat(rows.lastActive(user)).as("user %d", user)
                            .hasValueSatisfying(stored -> assertThat(lastCalls.get(user).brackets(stored)).isTrue());
                }
            });
            assertThat(logs.lines()).noneMatch(line -> line.contains("discarded"));
        }
    }

    private double upsertFailures() {
        return meters.get("activity.tracker.upsert.failures").counter().count();
    }

    private static org.awaitility.core.ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100));
    }
}
