package school.activity.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import school.activity.tracker.publish.ActivityRecorder;
import school.activity.testinfra.SharedKafka;
import school.activity.testinfra.SharedPostgres;

/**
 * The two switches that split the tracker: an HTTP-only replica (consumer off) records and publishes, a
 * consumer-only replica (HTTP side off) writes what the other published, and neither does the other's job.
 */
class SplitReplicasIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static ConfigurableApplicationContext httpOnly;
    private static ConfigurableApplicationContext consumerOnly;
    private static ActivityRows rows;

    @BeforeAll
    static void startBothReplicas() {
        SharedPostgres postgres = SharedPostgres.get();
        String database = postgres.createDatabase();
        String topic = "activity-split-" + UUID.randomUUID();
        String[] common = {
                "--server.port=0",
                "--management.server.port=0",
                "--spring.main.banner-mode=off",
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=" + postgres.user(),
                "--spring.datasource.password=" + postgres.password(),
                "--spring.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                "--activity.jwt.secret=" + TestTokens.SECRET,
                "--activity.kafka.topic=" + topic,
                "--activity.tracker.consumer.group-id=split-" + UUID.randomUUID(),
                "--activity.tracker.flush-interval=100ms"};
        httpOnly = start(common, "--activity.tracker.consumer.enabled=false");
        consumerOnly = start(common, "--activity.tracker.http.enabled=false");
        rows = new ActivityRows(consumerOnly.getBean(JdbcTemplate.class));
    }

    @AfterAll
    static void stopBothReplicas() {
        if (httpOnly != null) {
            httpOnly.close();
        }
        if (consumerOnly != null) {
            consumerOnly.close();
        }
    }

    @Test
    void activityRecordedByTheHttpReplicaIsWrittenByTheConsumerReplica() {
        long user = rows.seedUser("+998901110001");

        TrackerClient.Call call = client(httpOnly).post("/activity/heartbeat", "Bearer " + TestTokens.valid(user, null));

        assertThat(call.response().statusCode()).isEqualTo(204);
        await().atMost(WAIT).until(() -> rows.lastActive(user).isPresent());
        assertThat(call.brackets(rows.lastActive(user).orElseThrow())).isTrue();
    }

    @Test
    void theHttpOnlyReplicaRunsNoConsumer() {
        assertThat(listenerContainers(httpOnly)).isEmpty();
        assertThat(listenerContainers(consumerOnly)).isNotEmpty().allMatch(MessageListenerContainer::isRunning);
    }

    @Test
    void theConsumerOnlyReplicaNeitherTracksNorAnswersHeartbeatsButKeepsItsHealth() {
        long ignored = rows.seedUser("+998901110002");
        long tracked = rows.seedUser("+998901110003");

        TrackerClient.Call heartbeat = client(consumerOnly).post("/activity/heartbeat",
                "Bearer " + TestTokens.valid(ignored, null));
        TrackerClient.Call health = new TrackerClient(Integer.parseInt(
                consumerOnly.getEnvironment().getRequiredProperty("local.management.port"))).get("/actuator/health", null);
        client(httpOnly).post("/activity/heartbeat", "Bearer " + TestTokens.valid(tracked, null));

        assertThat(heartbeat.response().statusCode()).isEqualTo(404);
        assertThat(health.response().statusCode()).isEqualTo(200);
        assertThat(consumerOnly.getBeanNamesForType(ActivityRecorder.class)).isEmpty();
        // The pipeline has carried a later request through; the one the consumer-only replica saw never entered it.
        await().atMost(WAIT).until(() -> rows.lastActive(tracked).isPresent());
        assertThat(rows.lastActive(ignored)).isEmpty();
    }

    private static ConfigurableApplicationContext start(String[] common, String mode) {
        String[] args = Arrays.copyOf(common, common.length + 1);
        args[common.length] = mode;
        return new SpringApplicationBuilder(TrackerApplication.class).run(args);
    }

    private static TrackerClient client(ConfigurableApplicationContext context) {
        return new TrackerClient(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static Collection<MessageListenerContainer> listenerContainers(
            ConfigurableApplicationContext context) {
        List<MessageListenerContainer> containers = new ArrayList<>(
                context.getBeansOfType(MessageListenerContainer.class).values());
        context.getBeanProvider(KafkaListenerEndpointRegistry.class)
                .ifAvailable(registry -> containers.addAll(registry.getListenerContainers()));
        return containers;
    }
}
