package school.activity.demo.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import school.activity.demo.DemoSettings;
import school.activity.demo.DemoStack;
import school.activity.deploycheck.MetricReferences;
import school.activity.testinfra.TokenIssuer;

/**
 * Every metric that the Grafana dashboard and the alert rules use is exposed by the tracker or the broadcaster. Both
 * services run from their built jars on the demo's embedded PostgreSQL and Kafka (the demo module already starts
 * them exactly so), with a small school and its traffic; counters that exist only once something happened are made
 * to happen: a handshake refused for lack of a token, a session dropped when its token expires, an undecodable
 * record dead-lettered. Then both Prometheus pages are scraped until they hold every name, or the test names the
 * ones missing.
 */
@Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
class MetricNamesIT {

    private static final Path PROJECT = Path.of(System.getProperty("demo.project-dir", ".."));
    private static final Duration EXPOSED_WITHIN = Duration.ofMinutes(2);
    /** Long enough to connect, short enough to expire while the test waits (the clock skew is set to 0). */
    private static final Duration SHORT_TOKEN = Duration.ofSeconds(3);
    private static final String TOPIC = "user-activity";

    private static Path dataDir;
    private static DemoStack stack;
    private static DemoSettings settings;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startBothServices() throws IOException {
        dataDir = Files.createTempDirectory("metric-names-data");
        settings = DemoSettings.resolve(List.of(
                "--activity.demo.project-dir=" + PROJECT,
                "--activity.demo.data-dir=" + dataDir,
                "--activity.demo.tracker-port=0",
                "--activity.demo.broadcaster-port=0",
                "--activity.demo.platform-port=0",
                "--activity.demo.students=20",
                "--activity.demo.teachers=3",
                "--activity.demo.parents=20",
                "--activity.demo.traffic=on",
                "--activity.demo.startup-timeout=240s",
                "--activity.broadcast.interval=1s",
                "--activity.jwt.clock-skew=0s"), new Properties(), Map.of());
        stack = new DemoStack(settings);
        stack.start();
    }

    @AfterAll
    static void stopEverything() throws IOException {
        if (stack != null) {
            stack.close();
        }
        if (dataDir != null && Files.exists(dataDir)) {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void theDashboardAndTheAlertRulesUseOnlyExposedMetrics() throws Exception {
        Set<String> referenced = MetricReferences.inFiles(PROJECT.resolve("deploy/grafana/activity-dashboard.json"),
                PROJECT.resolve("deploy/prometheus/alerts.yml"));
        assertThat(referenced).hasSizeGreaterThan(20);

        refuseAHandshake();
        WebSocket expiring = connectWithAShortLivedToken();
        deadLetterAGarbageRecord();

        await().atMost(EXPOSED_WITHIN).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Set<String> exposed = new TreeSet<>(MetricReferences.exposed(scrape(stack.trackerManagementUrl())));
            exposed.addAll(MetricReferences.exposed(scrape(stack.broadcasterManagementUrl())));
            Set<String> missing = new TreeSet<>(referenced);
            missing.removeAll(exposed);
            assertThat(missing).as("metric names that the dashboard or the alert rules use and neither service "
                    + "exposes").isEmpty();
        });
        expiring.abort();
    }

    private static void refuseAHandshake() {
        URI channel = webSocket("/ws/teachers");
        assertThat(connect(channel, null)).isInstanceOf(java.net.http.WebSocketHandshakeException.class);
    }

    private static WebSocket connectWithAShortLivedToken() {
        String token = TokenIssuer.hmac(settings.jwtSecret())
                .issue(stack.adminId(), "admin", null, SHORT_TOKEN);
        Object connected = connect(webSocket("/ws/students"), token);
        assertThat(connected).isInstanceOf(WebSocket.class);
        return (WebSocket) connected;
    }

    /** The connected WebSocket, or the reason the handshake failed. */
    private static Object connect(URI uri, String token) {
        WebSocket.Builder builder = http.newWebSocketBuilder();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            return builder.buildAsync(uri, new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    webSocket.request(1);
                    return CompletableFuture.completedFuture(null);
                }
            }).join();
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    private static void deadLetterAGarbageRecord() throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(TOPIC, "1".getBytes(StandardCharsets.UTF_8),
                    "not an activity event".getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private static URI webSocket(String path) {
        return URI.create(stack.broadcasterUrl().toString().replaceFirst("^http", "ws")).resolve(path);
    }

    /** @param service the service's management (actuator) address */
    private static String scrape(URI service) throws IOException, InterruptedException {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(service.resolve("/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }
}
