package school.activity.broadcaster.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import school.activity.broadcaster.OnDemandBroadcasterTest;
import school.activity.broadcaster.support.ExtraInstance;
import school.activity.broadcaster.support.TestTokens;
import school.activity.broadcaster.support.WsClient;
import school.activity.shared.contract.Role;

class ClusterStatusTest extends OnDemandBroadcasterTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A request the server never answers fails the test instead of holding the build. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theStatusOnEitherOfTwoInstancesSumsBoth() throws Exception {
        try (ExtraInstance second = ExtraInstance.start("on-demand", databaseUrl, "activity.instance-id=second");
             WsClient student = WsClient.connectAsAdmin(port, Role.STUDENT.path());
             WsClient teacherOne = WsClient.connectAsAdmin(second.port(), Role.TEACHER.path());
             WsClient teacherTwo = WsClient.connectAsAdmin(second.port(), Role.TEACHER.path())) {
            for (int instancePort : new int[] {port, second.port()}) {
                await().atMost(WsClient.WAIT).untilAsserted(() -> {
                    JsonNode status = JSON.readTree(status(instancePort, TestTokens.admin(), "").body());
                    assertThat(status.get("student_connections").asInt()).isEqualTo(1);
                    assertThat(status.get("teacher_connections").asInt()).isEqualTo(2);
                    assertThat(status.get("parent_connections").asInt()).isZero();
                    assertThat(status.get("instances").asInt()).isEqualTo(2);
                    assertThat(status.get("max_connections").asInt()).isEqualTo(10);
                });
            }
        }
        // The second instance removed its row when it stopped: counted out at once, not at expiry.
        JsonNode alone = JSON.readTree(status(port, TestTokens.admin(), "").body());
        assertThat(alone.get("instances").asInt()).isEqualTo(1);
        assertThat(alone.get("max_connections").asInt()).isEqualTo(5);
    }

    @Test
    void theStatusHasTheSeedsFieldsAndTheMostRecentActivity() throws Exception {
        long newest = school.addUser(Role.PARENT, "newest");
        long middle = school.addUser(Role.TEACHER, "middle");
        long oldest = school.addUser(Role.STUDENT, "oldest");
        school.activeSecondsAgo(newest, 0.1);
        school.activeSecondsAgo(middle, 0.2);
        school.activeSecondsAgo(oldest, 0.3);

        HttpResponse<String> response = status(port, TestTokens.admin(), "?limit=3");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode status = JSON.readTree(response.body());
        assertThat(List.copyOf(status.propertyNames())).containsExactly("student_connections", "teacher_connections",
                "parent_connections", "recent_activity", "max_connections", "instances");
        JsonNode recent = status.get("recent_activity");
        assertThat(StreamSupport.stream(recent.spliterator(), false).map(r -> r.get("user_id").asLong()))
                .containsExactly(newest, middle, oldest);
        JsonNode first = recent.get(0);
        assertThat(List.copyOf(first.propertyNames()))
                .containsExactly("user_id", "phone", "full_name", "role", "last_active");
        assertThat(first.get("role").asString()).isEqualTo("parent");
        assertThat(first.get("full_name").asString()).isEqualTo("newest");
        assertThat(first.get("phone").asString()).startsWith("+99890");
        assertThat(first.get("last_active").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z");

        JsonNode byDefault = JSON.readTree(status(port, TestTokens.admin(), "").body());
        assertThat(byDefault.get("recent_activity").size()).isBetween(3, 50);
        JsonNode capped = JSON.readTree(status(port, TestTokens.admin(), "?limit=100000").body());
        assertThat(capped.get("recent_activity").size()).isBetween(3, 100);
    }

    @Test
    void aBadLimitIsA400() throws Exception {
        for (String limit : List.of("?limit=abc", "?limit=0", "?limit=-5")) {
            HttpResponse<String> response = status(port, TestTokens.admin(), limit);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("\"error\":\"bad_request\"");
        }
    }

    @Test
    void theStatusNeedsABearerTokenWithAnAllowedRole() throws Exception {
        HttpResponse<String> none = status(port, null, "");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(none.body()).contains("\"error\":\"unauthorized\"");
        assertThat(status(port, TestTokens.expiredAdmin(), "").statusCode()).isEqualTo(401);
        HttpResponse<String> eternal = status(port, TestTokens.adminWithoutExpiry(), "");
        assertThat(eternal.statusCode()).isEqualTo(401);
        assertThat(eternal.body()).contains("token has no expiry");
        HttpResponse<String> student = status(port, TestTokens.forRole("student"), "");
        assertThat(student.statusCode()).isEqualTo(403);
        assertThat(student.body()).contains("\"error\":\"forbidden\"");
    }

    @Test
    void theDashboardPageAndHealthNeedNoToken() throws Exception {
        HttpResponse<String> page = get(port, "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(get(port, "/index.html").statusCode()).isEqualTo(200);
    }

    @Test
    void healthAndMetricsAreOnlyOnTheManagementPort() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(get(managementPort, "/actuator/health/liveness").body()).contains("UP");
        assertThat(get(managementPort, "/actuator/health/readiness").body()).contains("UP");
        assertThat(get(managementPort, "/actuator/prometheus").body()).contains("activity_ws_connections");
        for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/health/readiness")) {
            assertThat(get(port, path).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void plainRequestsCloseTheirConnection() throws Exception {
        // Back-to-back requests on one kept-alive connection can leave it unread (see OneRequestPerConnection).
        assertThat(answerAndClose(port, "/")).contains("connection: close");
        assertThat(answerAndClose(port, "/activity/status")).contains("connection: close");
        assertThat(answerAndClose(managementPort, "/actuator/health/readiness")).contains("connection: close");
        assertThat(answerAndClose(port, "/activity/status", "Upgrade: h2c")).contains("connection: close");
    }

    /** The whole answer to a keep-alive request, read until the server closes the connection. */
    private static String answerAndClose(int port, String path, String... headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(Math.toIntExact(TIMEOUT.toMillis()));
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            request.append("Connection: keep-alive\r\n\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        }
    }

    private static HttpResponse<String> status(int port, String token, String query)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/activity/status" + query))
                .timeout(TIMEOUT);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
