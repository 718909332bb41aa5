package school.activity.tracker.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import school.activity.testinfra.TestInfrastructure;

/** An upstream that refuses connections: the caller gets 502 with a JSON body, never a 500. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayUpstreamDownTest {

    static final String SECRET = "gateway-upstream-down-test-secret-0123456789";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("activity.jwt.secret", () -> SECRET);
        registry.add("activity.kafka.topic", () -> "gateway-down-" + UUID.randomUUID());
        registry.add("activity.tracker.upstream-url", () -> "http://127.0.0.1:" + closedPort());
    }

    @LocalServerPort
    int port;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void getToARefusingUpstreamIsABadGateway() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(gateway("/api/items?page=2")).build(),
                BodyHandlers.ofString());

        assertBadGateway(response);
    }

    @Test
    void postWithABodyToARefusingUpstreamIsABadGateway() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(gateway("/api/items"))
                .POST(BodyPublishers.ofString("{\"name\":\"x\"}"))
                .header("Content-Type", "application/json")
                .build(), BodyHandlers.ofString());

        assertBadGateway(response);
    }

    private static void assertBadGateway(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("\"error\":\"upstream_unavailable\"").contains("\"message\":");
    }

    private URI gateway(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** A port nothing listens on: bound once by the system, then released. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
