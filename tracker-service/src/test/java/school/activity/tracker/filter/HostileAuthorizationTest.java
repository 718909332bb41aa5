package school.activity.tracker.filter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import school.activity.testinfra.HostileTokens;
import school.activity.tracker.TestTokens;
import school.activity.tracker.TrackerClient;
import school.activity.tracker.TrackerIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault scenario 8 (docs/reliability.md), tracker side: hundreds of hostile Authorization headers, sent as raw
 * bytes so no client library tidies them first. None may cause a 5xx, none may be tracked, and the tracker must
 * keep working for honest requests afterwards.
 */
class HostileAuthorizationTest extends TrackerIntegrationTest {

    private static final int RANDOM_TOKENS = 300;
    private static final int SOCKET_TIMEOUT_MILLIS = 10_000;

    @Test
    void noHostileAuthorizationHeaderCausesA5xxOrIsTracked() {
        long victim = rows.seedUser("+998940000001");
        long control = rows.seedUser("+998940000002");
        double recordedBefore = count("activity.tracker.events.recorded");
        List<String> headers = new ArrayList<>();
        for (String token : HostileTokens.generate(TestTokens.SECRET, victim, "student", RANDOM_TOKENS, 8)) {
            headers.add("Bearer " + token);
            headers.add(token);
        }
        headers.addAll(List.of("Bearer", "Bearer  ", "bearer x", "Basic " + TestTokens.valid(victim, null),
                "Bearer " + TestTokens.valid(victim, null) + " trailing", "Bearer\t" + "x".repeat(70_000)));

        for (String header : headers) {
            int heartbeat = send("POST", "/activity/heartbeat", header);
            int tracked = send("GET", TrackerClient.ECHO, header);
            assertThat(heartbeat).as("heartbeat status").isIn(400, 401, 431, -1);
            assertThat(tracked).as("tracked path status").isIn(200, 400, 431, -1);
        }

        // An honest request after the flood is answered and tracked; in the same flush the victim would have been.
        assertThat(client.post("/activity/heartbeat", "Bearer " + TestTokens.valid(control, null)).response()
                .statusCode()).isEqualTo(204);
        eventually().untilAsserted(() -> assertThat(rows.lastActive(control)).isPresent());
        awaitAllConsumed();
        assertThat(rows.lastActive(victim)).as("tracked by a hostile token").isEmpty();
        assertThat(count("activity.tracker.events.recorded")).isEqualTo(recordedBefore + 1);
    }

    /** One request on its own connection; the status code, or -1 when the server closed without answering. */
    private int send(String method, String path, String authorization) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), SOCKET_TIMEOUT_MILLIS);
            socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n"
                    + "Authorization: ").getBytes(StandardCharsets.ISO_8859_1));
            out.write(authorization.getBytes(StandardCharsets.ISO_8859_1));
            out.write("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1)).readLine();
            return statusLine == null ? -1 : Integer.parseInt(statusLine.split(" ")[1]);
        } catch (SocketException e) {
            return -1; // reset by the server: refused, not served
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
