package school.activity.tracker.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import school.activity.testinfra.TokenIssuer;
import school.activity.testinfra.SharedPostgres;
import school.activity.testinfra.TestInfrastructure;
import school.activity.tracker.filter.RequestThreads;

/** The tracker in front of a real upstream HTTP server: what goes in comes out, both ways, streamed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayForwardingTest {

    static final String SECRET = "gateway-forwarding-test-secret-0123456789";
    static final String QUERY = "b=x%20y&a=1&a=2&c=%E2%9C%93&d=a+b&e=1,2&flag";
    static final String PATH = "/api/items/42/caf%C3%A9";
    static final TokenIssuer TOKENS = TokenIssuer.hmac(SECRET);
    static final TestUpstream UPSTREAM = startUpstream();
    static String databaseUrl;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        databaseUrl = TestInfrastructure.register(registry);
        registry.add("activity.jwt.secret", () -> SECRET);
        registry.add("activity.kafka.topic", () -> "gateway-forwarding-" + UUID.randomUUID());
        registry.add("activity.tracker.upstream-url", UPSTREAM::url);
        // Short, so the 504 test is quick; the echo upstream answers at once.
        registry.add("activity.tracker.upstream-timeout", () -> "2s");
    }

    @LocalServerPort
    int port;
    @Autowired
    ServletWebServerApplicationContext context;
    @Autowired
    MeterRegistry meters;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST", "PUT", "DELETE"})
    void methodPathQueryHeadersAndBodyRoundTripByteForByte(String method) throws Exception {
        String id = UUID.randomUUID().toString();
        byte[] body = method.equals("GET") ? new byte[0] : Streams.generated(70_000 + method.length()).readAllBytes();
        String token = TOKENS.issue(7001, "student", "+15550001", Duration.ofMinutes(5));
        HttpRequest request = HttpRequest.newBuilder(gateway(PATH + "?" + QUERY))
                .method(method, body.length == 0 ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body))
                .header(TestUpstream.ID_HEADER, id)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/octet-stream")
                .header("Accept", "application/x-echo")
                .header("X-Custom", "Value  with, odd; chars=\"1\"")
                .header("X-Repeated", "first")
                .header("X-Repeated", "second")
                .header("Cookie", "a=1; b=2")
                .build();

        HttpResponse<byte[]> response = client.send(request, BodyHandlers.ofByteArray());

        TestUpstream.Received seen = UPSTREAM.received(id);
        assertThat(seen).as("the upstream got the request").isNotNull();
        assertThat(seen.method()).isEqualTo(method);
        assertThat(seen.rawPathAndQuery()).isEqualTo(PATH + "?" + QUERY);
        assertThat(seen.headers().getFirst("Authorization")).isEqualTo("Bearer " + token);
        assertThat(seen.headers().getFirst("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(seen.headers().getFirst("Accept")).isEqualTo("application/x-echo");
        assertThat(seen.headers().getFirst("X-Custom")).isEqualTo("Value  with, odd; chars=\"1\"");
        assertThat(seen.headers().get("X-Repeated")).containsExactly("first", "second");
        assertThat(seen.headers().getFirst("Cookie")).isEqualTo("a=1; b=2");
        assertThat(seen.body()).isEqualTo(body);
        if (body.length > 0) {
            assertThat(seen.headers().getFirst("Content-Length")).isEqualTo(String.valueOf(body.length));
        }
        assertThat(seen.headers().getFirst("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(seen.headers().getFirst("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(seen.headers().getFirst("X-Forwarded-Host")).endsWith(":" + port);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(body);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-echo");
        assertThat(response.headers().firstValue("X-Upstream")).hasValue("echo");
        assertThat(response.headers().firstValue("Set-Cookie")).hasValue("session=abc; Path=/; HttpOnly");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().allValues("X-Multi")).containsExactly("one", "two");
    }

    /** Bodies the gateway must pass on byte for byte, whatever their content type says they are. */
    static Stream<Arguments> bodiesThatMustArriveUntouched() throws IOException {
        String form = "application/x-www-form-urlencoded";
        String boundary = "----activity-test-boundary-7MA4YWxkTrZu0gW";
        byte[] binary = Streams.generated(5_000).readAllBytes();
        ByteArrayOutputStream multipart = new ByteArrayOutputStream();
        multipart.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        multipart.writeBytes(binary);
        multipart.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return Stream.of(
                Arguments.of("query and body share a name", "a=1", form, ascii("b=2&a=1")),
                Arguments.of("query name absent from the body", "b=7", form, ascii("a=2")),
                Arguments.of("escapes, plus signs, UTF-8 and repeated names", "x=%2B&x=+",
                        form + "; charset=UTF-8", ascii("x=%2B&x=+&x=a+b&n=%C3%A9%E2%9C%93&n=%2b&empty=&flag")),
                Arguments.of("3 MB form body", null, form, ascii("big=" + "a".repeat(3 * 1024 * 1024))),
                Arguments.of("invalid percent-escapes", "q=1", form, ascii("a=%zz&b=%&c=%E2%9C&d=%%41")),
                Arguments.of("multipart/form-data", "a=1", "multipart/form-data; boundary=" + boundary,
                        multipart.toByteArray()),
                Arguments.of("JSON", "a=1", "application/json", "{\"a\":\"é ✓\",\"b\":[1,2]}".getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodiesThatMustArriveUntouched")
    void everyBodyArrivesByteIdenticalAndTheAnswerIsTheUpstreams(String kind, String query, String contentType,
            byte[] body) throws Exception {
        String id = UUID.randomUUID().toString();
        String target = "/digest" + (query == null ? "" : "?" + query);
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(gateway(target))
                .POST(BodyPublishers.ofByteArray(body))
                .header(TestUpstream.ID_HEADER, id)
                .header("Content-Type", contentType)
                .build(), BodyHandlers.ofString());

        assertThat(response.statusCode()).as(kind).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Upstream")).as(kind).hasValue("digest");
        assertThat(response.body()).as(kind).isEqualTo(TestUpstream.digestAnswer(body));
        TestUpstream.Received seen = UPSTREAM.received(id);
        assertThat(seen.rawPathAndQuery()).as(kind).isEqualTo(target);
        assertThat(seen.headers().getFirst("Content-Type")).as(kind).isEqualTo(contentType);
        assertThat(seen.headers().getFirst("Content-Length")).as(kind).isEqualTo(String.valueOf(body.length));
    }

    @Test
    void aFormPostIsTrackedByItsBearerHeaderOnlyNeverByATokenInAFormField() throws Exception {
        String token = TOKENS.issue(7003, "student", null, Duration.ofMinutes(5));
        double recordedBefore = recorded();

        HttpResponse<String> fieldOnly = client.send(HttpRequest.newBuilder(gateway("/digest"))
                .POST(BodyPublishers.ofString("access_token=" + token + "&authorization=Bearer+" + token))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .build(), BodyHandlers.ofString());
        // The filter records on the request thread, so by now a recording would have happened.
        assertThat(recorded()).isEqualTo(recordedBefore);

        HttpResponse<String> header = client.send(HttpRequest.newBuilder(gateway("/digest?access_token=x"))
                .POST(BodyPublishers.ofString("a=1"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Bearer " + token)
                .build(), BodyHandlers.ofString());
        assertThat(List.of(fieldOnly.statusCode(), header.statusCode())).containsExactly(200, 200);
        assertThat(recorded()).isEqualTo(recordedBefore + 1);
    }

    private double recorded() {
        return meters.get("activity.tracker.events.recorded").counter().count();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @ValueSource(ints = {201, 404, 500})
    void upstreamStatusesPassThroughUnchanged(int status) throws Exception {
        String id = UUID.randomUUID().toString();
        byte[] body = ("{\"upstream_says\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(gateway("/api/items"))
                .POST(BodyPublishers.ofByteArray(body))
                .header(TestUpstream.ID_HEADER, id)
                .header(TestUpstream.STATUS_HEADER, String.valueOf(status))
                .build(), BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).isEqualTo(body);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-echo");
        assertThat(response.headers().firstValue("X-Upstream")).hasValue("echo");
        if (status == 201) {
            assertThat(response.headers().firstValue("Location")).hasValue("/api/items/43");
        }
    }

    /**
     * Connections to the upstream are pooled and kept alive whatever the answer: a gateway that left a response body
     * unread, or closed after each exchange, would open one connection per request (a new TCP handshake each time and
     * TIME_WAIT sockets piling up on the host).
     */
    @Test
    void requestsThatWaitForTheUpstreamKeepSpringsRequestThreads() {
        // Forwarded requests wait for the upstream: the per-core sizing of the non-gateway tracker would cap them.
        assertThat(RequestThreads.max(context)).isEqualTo(200);
    }

    @Test
    void connectionsToTheUpstreamAreReused() throws Exception {
        int rounds = 8;
        List<String> ids = new java.util.ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            byte[] body = ("{\"round\":" + round + "}").getBytes(StandardCharsets.UTF_8);
            for (String status : List.of("200", "201", "404", "500")) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                HttpRequest.Builder request = HttpRequest.newBuilder(gateway("/api/reuse?round=" + round))
                        .header(TestUpstream.ID_HEADER, id)
                        .header(TestUpstream.STATUS_HEADER, status);
                HttpResponse<byte[]> response = client.send(status.equals("200") ? request.GET().build()
                        : request.POST(BodyPublishers.ofByteArray(body)).build(), BodyHandlers.ofByteArray());
                assertThat(response.statusCode()).isEqualTo(Integer.parseInt(status));
            }
        }

        // One after the other, every request can go on the one pooled connection; allow a second in case the
        // upstream closed an idle one between tests.
        assertThat(ids.stream().map(id -> UPSTREAM.received(id).connection()).distinct())
                .as("upstream connections used by %d sequential forwarded requests", ids.size())
                .hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void hopByHopHeadersStayOnTheirHop() throws Exception {
        String id = UUID.randomUUID().toString();
        // A raw request: the JDK client refuses to send these headers itself.
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/hop HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + TestUpstream.ID_HEADER + ": " + id + "\r\n"
                    + "Keep-Alive: timeout=5\r\n"
                    + "TE: trailers\r\n"
                    + "Proxy-Authorization: Basic c2VjcmV0\r\n"
                    + "X-End-To-End: kept\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("HTTP/1.1 200");
            Map<String, String> responseHeaders = new HashMap<>();
            for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                int colon = line.indexOf(':');
                responseHeaders.put(line.substring(0, colon).toLowerCase(), line.substring(colon + 1).trim());
            }
            assertThat(responseHeaders).containsEntry("x-upstream", "echo").doesNotContainKey("proxy-authenticate");
        }
        TestUpstream.Received seen = UPSTREAM.received(id);
        assertThat(seen.headers().getFirst("X-End-To-End")).isEqualTo("kept");
        assertThat(seen.headers()).doesNotContainKeys("Keep-alive", "Te", "Proxy-authorization");
        assertThat(seen.headers().getFirst("Connection")).isNotEqualTo("close");
    }

    @Test
    void tenMegabyteUploadStreamsThrough() throws Exception {
        String id = UUID.randomUUID().toString();
        AtomicBoolean gatePassed = new AtomicBoolean();
        // The client holds back everything after the first megabyte until the upstream has received half of it:
        // a gateway that buffered the whole body before forwarding could never get past this point.
        HttpRequest request = HttpRequest.newBuilder(gateway("/upload"))
                .POST(BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> new GatedInput(gatePassed)),
                        TestUpstream.STREAM_SIZE))
                .header(TestUpstream.ID_HEADER, id)
                .header("Content-Type", "application/octet-stream")
                .build();

        HttpResponse<String> response = client.send(request, BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(gatePassed).as("the upstream saw half a megabyte before the client sent more than one").isTrue();
        TestUpstream.Received seen = UPSTREAM.received(id);
        assertThat(seen.length()).isEqualTo(TestUpstream.STREAM_SIZE);
        assertThat(seen.digest()).isEqualTo(Streams.generatedDigest(TestUpstream.STREAM_SIZE));
    }

    @Test
    void tenMegabyteDownloadStreamsThrough() throws Exception {
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(gateway("/download"))
                .header(TestUpstream.ID_HEADER, UUID.randomUUID().toString())
                .build(), BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(TestUpstream.STREAM_SIZE));
        MessageDigest digest = Streams.newDigest();
        try (InputStream body = response.body()) {
            // The upstream sends the rest only after the client has half a megabyte: a gateway that buffered the
            // whole response would leave the client waiting here, and the upstream would give up.
            byte[] first = body.readNBytes(TestUpstream.STREAM_SEEN);
            assertThat(first).hasSize(TestUpstream.STREAM_SEEN);
            digest.update(first);
            UPSTREAM.downloadStarted.countDown();
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = body.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        assertThat(Streams.hex(digest.digest())).isEqualTo(Streams.generatedDigest(TestUpstream.STREAM_SIZE));
    }

    @Test
    void upstreamSlowerThanTheTimeoutIsAGatewayTimeout() throws Exception {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(gateway("/slow"))
                    .header(TestUpstream.ID_HEADER, UUID.randomUUID().toString())
                    .build(), BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(504);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(response.body()).contains("\"error\":\"upstream_timeout\"");
        } finally {
            UPSTREAM.releaseSlow();
        }
    }

    @Test
    void theTrackersOwnEndpointsAreNotForwarded() throws Exception {
        String token = TOKENS.issue(7002, "teacher", null, Duration.ofMinutes(5));
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(gateway("/actuator/health")).build(),
                BodyHandlers.ofString());
        HttpResponse<String> heartbeat = client.send(HttpRequest.newBuilder(gateway("/activity/heartbeat"))
                .POST(BodyPublishers.noBody())
                .header("Authorization", "Bearer " + token)
                .build(), BodyHandlers.ofString());

        assertThat(health.headers().firstValue("X-Upstream")).isEmpty();
        assertThat(heartbeat.headers().firstValue("X-Upstream")).isEmpty();
        assertThat(UPSTREAM.paths()).doesNotContain("/actuator/health", "/activity/heartbeat");
    }

    @Test
    void usersOfForwardedRequestsLandInUserActivity() throws Exception {
        List<Long> users = List.of(8101L, 8102L, 8103L);
        try (Connection connection = SharedPostgres.get().connect(databaseUrl);
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO users (id, phone, full_name, role) VALUES (?, ?, ?, 'student')")) {
            for (long user : users) {
                insert.setLong(1, user);
                insert.setString(2, "+1555" + user);
                insert.setString(3, "Student " + user);
                insert.executeUpdate();
            }
        }
        for (long user : users) {
            String token = TOKENS.issue(user, "student", "+1555" + user, Duration.ofMinutes(5));
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(gateway("/api/timetable?week=1"))
                    .header("Authorization", "Bearer " + token)
                    .build(), BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Upstream")).hasValue("echo");
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(trackedUsers()).containsAll(users));
    }

    private List<Long> trackedUsers() throws SQLException {
        try (Connection connection = SharedPostgres.get().connect(databaseUrl);
                PreparedStatement select = connection.prepareStatement(
                        "SELECT user_id FROM user_activity WHERE last_active IS NOT NULL ORDER BY user_id");
                ResultSet rows = select.executeQuery()) {
            List<Long> ids = new java.util.ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
            return ids;
        }
    }

    private URI gateway(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    private static TestUpstream startUpstream() {
        try {
            return new TestUpstream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The generated upload body, held back after the first megabyte until the upstream has received half of it. */
    private static final class GatedInput extends InputStream {

        private final InputStream generated = Streams.generated(TestUpstream.STREAM_SIZE);
        private final AtomicBoolean gatePassed;
        private long sent;

        GatedInput(AtomicBoolean gatePassed) {
            this.gatePassed = gatePassed;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (sent == TestUpstream.STREAM_GATE && !gatePassed.get()) {
                awaitUpstream();
            }
            int allowed = sent < TestUpstream.STREAM_GATE ? (int) Math.min(length, TestUpstream.STREAM_GATE - sent) : length;
            int n = generated.read(buffer, offset, allowed);
            if (n > 0) {
                sent += n;
            }
            return n;
        }

        private void awaitUpstream() throws IOException {
            try {
                if (!UPSTREAM.uploadStarted.await(TestUpstream.WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IOException("the upstream never saw the start of the body: the upload was not streamed");
                }
                gatePassed.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }
}
