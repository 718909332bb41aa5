package school.activity.broadcaster.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import school.activity.broadcaster.OnDemandBroadcasterTest;
import school.activity.broadcaster.support.RawWebSocket;
import school.activity.broadcaster.support.TestTokens;
import school.activity.shared.contract.Role;
import school.activity.testinfra.HostileTokens;

/**
 * Fault scenario 8 (docs/reliability.md), broadcaster side: hostile tokens as the {@code access_token} query
 * parameter and as the Authorization header, at every channel's handshake and at {@code /activity/status}. None may
 * be admitted, none may cause a 5xx. (Oversized client frames and disallowed origins: {@link HandshakeAuthTest}.)
 */
class HostileTokenTest extends OnDemandBroadcasterTest {

    private static final int RANDOM_TOKENS = 100;
    private static final int SOCKET_TIMEOUT_MILLIS = 10_000;
    /** -1: the server closed the connection without an answer (a refusal, not a failure). */
    private static final List<Integer> REFUSALS = List.of(400, 401, 403, 414, 431, -1);

    @Test
    void noHostileTokenIsAdmittedOrCausesA5xx() {
        List<String> tokens = HostileTokens.generate(TestTokens.SECRET, 1, "admin", RANDOM_TOKENS, 8);
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            Role role = Role.values()[i % Role.values().length];
            String query = role.path() + "?access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
            assertThat(handshakeStatus(query, Map.of())).as("query token #%d", i).isIn(REFUSALS);
            assertThat(handshakeStatus(role.path(), Map.of("Authorization", "Bearer " + token)))
                    .as("header token #%d", i).isIn(REFUSALS);
            assertThat(statusEndpoint("Bearer " + token)).as("status token #%d", i).isIn(REFUSALS);
        }

        assertThat(channels.connections(Role.STUDENT) + channels.connections(Role.TEACHER)
                + channels.connections(Role.PARENT)).isZero();
        // Still serving honest clients.
        assertThat(statusEndpoint("Bearer " + TestTokens.admin())).isEqualTo(200);
    }

    private int handshakeStatus(String pathAndQuery, Map<String, String> headers) {
        try (RawWebSocket socket = RawWebSocket.handshake(port, pathAndQuery, headers)) {
            return socket.status();
        } catch (IllegalStateException | IOException e) {
            return -1;
        }
    }

    private int statusEndpoint(String authorization) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), SOCKET_TIMEOUT_MILLIS);
            socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /activity/status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: "
                    + authorization + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1)).readLine();
            return statusLine == null ? -1 : Integer.parseInt(statusLine.split(" ")[1]);
        } catch (java.net.SocketException e) {
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
