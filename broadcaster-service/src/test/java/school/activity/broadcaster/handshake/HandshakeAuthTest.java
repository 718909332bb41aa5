package school.activity.broadcaster.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import school.activity.broadcaster.OnDemandBroadcasterTest;
import school.activity.broadcaster.support.RawWebSocket;
import school.activity.broadcaster.support.TestTokens;
import school.activity.broadcaster.support.WsClient;
import school.activity.shared.contract.Role;

class HandshakeAuthTest extends OnDemandBroadcasterTest {

    private static final String ALLOWED_ORIGIN = "http://dashboard.school.test";

    @Autowired
    private MeterRegistry meters;

    @Test
    void noTokenExpiredTokenWrongRoleWrongOriginGoodTokenGive401_401_403_403_101() throws Exception {
        try (RawWebSocket noToken = handshake("/ws/students", Map.of());
             RawWebSocket expired = handshake("/ws/students?access_token=" + TestTokens.expiredAdmin(), Map.of());
             RawWebSocket wrongRole = handshake("/ws/students?access_token=" + TestTokens.forRole("student"), Map.of());
             RawWebSocket wrongOrigin = handshake("/ws/students?access_token=" + TestTokens.admin(),
                     Map.of("Origin", "http://evil.example"));
             RawWebSocket good = handshake("/ws/students?access_token=" + TestTokens.admin(),
                     Map.of("Origin", ALLOWED_ORIGIN))) {
            assertThat(List.of(noToken.status(), expired.status(), wrongRole.status(), wrongOrigin.status(),
                    good.status())).containsExactly(401, 401, 403, 403, 101);

            assertThat(noToken.header("Content-Type")).startsWith("application/json");
            assertThat(noToken.header("WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(noToken.body()).contains("\"error\":\"unauthorized\"").contains("no bearer token");
            assertThat(expired.body()).contains("token expired");
            assertThat(wrongRole.body()).contains("\"error\":\"forbidden\"");
            assertThat(wrongOrigin.body()).contains("\"error\":\"forbidden_origin\"");
            assertThat(good.readFrameOpcode()).as("text frame: the snapshot").isEqualTo(1);
        }
    }

    @Test
    void aTokenWithoutExpiryIsRefusedWith401AndItsOwnReasonCountedAsATokenRefusal() throws Exception {
        double refusedBefore = tokenRefusals();
        try (RawWebSocket query = handshake("/ws/students?access_token=" + TestTokens.adminWithoutExpiry(), Map.of());
             RawWebSocket header = handshake("/ws/students",
                     Map.of("Authorization", "Bearer " + TestTokens.adminWithoutExpiry()))) {
            assertThat(List.of(query.status(), header.status())).containsExactly(401, 401);
            assertThat(query.body()).contains("\"error\":\"unauthorized\"").contains("token has no expiry");
        }
        assertThat(tokenRefusals()).isEqualTo(refusedBefore + 2);
        assertThat(channels.connections(Role.STUDENT)).isZero();
    }

    private double tokenRefusals() {
        Counter counter = meters.find("activity.ws.handshakes.refused").tags("channel", "students", "reason", "token")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void theOriginIsCheckedBeforeTheToken() {
        try (RawWebSocket refused = handshake("/ws/students", Map.of("Origin", "http://evil.example"))) {
            assertThat(refused.status()).isEqualTo(403);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aBearerHeaderWorksAsWellAsTheQueryParameter() throws Exception {
        try (RawWebSocket header = handshake("/ws/parents", Map.of("Authorization", "Bearer " + TestTokens.admin()))) {
            assertThat(header.status()).isEqualTo(101);
        }
    }

    @Test
    void aTokenInSecWebSocketProtocolIsAcceptedAndOnlyTheProtocolNameIsEchoed() throws Exception {
        String token = TestTokens.admin();
        try (RawWebSocket prefixed = handshake("/ws/students",
                     Map.of("Sec-WebSocket-Protocol", "activity.v1, access_token." + token));
             RawWebSocket pair = handshake("/ws/teachers", Map.of("Sec-WebSocket-Protocol", "activity.v1, " + token));
             RawWebSocket alone = handshake("/ws/parents", Map.of("Sec-WebSocket-Protocol", "access_token." + token));
             RawWebSocket expired = handshake("/ws/parents",
                     Map.of("Sec-WebSocket-Protocol", "activity.v1, access_token." + TestTokens.expiredAdmin()))) {
            assertThat(List.of(prefixed.status(), pair.status(), alone.status(), expired.status()))
                    .containsExactly(101, 101, 101, 401);
            assertThat(prefixed.header("Sec-WebSocket-Protocol")).isEqualTo("activity.v1");
            assertThat(pair.header("Sec-WebSocket-Protocol")).isEqualTo("activity.v1");
            // A browser accepts no protocol in the answer; it would refuse one it did not offer.
            assertThat(alone.header("Sec-WebSocket-Protocol")).isNull();
            assertThat(expired.body()).contains("token expired");
            assertThat(prefixed.readFrameOpcode()).as("text frame: the snapshot").isEqualTo(1);
        }
    }

    @Test
    void eachChannelHasItsOwnRoles() throws Exception {
        String teacher = TestTokens.forRole("teacher");
        try (RawWebSocket teachers = handshake("/ws/teachers?access_token=" + teacher, Map.of());
             RawWebSocket students = handshake("/ws/students?access_token=" + teacher, Map.of())) {
            assertThat(teachers.status()).isEqualTo(101);
            assertThat(students.status()).isEqualTo(403);
        }
    }

    @Test
    void permessageDeflateIsAcceptedWithServerNoContextTakeover() throws Exception {
        try (RawWebSocket offered = handshake("/ws/students?access_token=" + TestTokens.admin(),
                Map.of("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"));
             RawWebSocket notOffered = handshake("/ws/students?access_token=" + TestTokens.admin(), Map.of())) {
            assertThat(offered.status()).isEqualTo(101);
            assertThat(offered.header("Sec-WebSocket-Extensions"))
                    .isEqualTo("permessage-deflate; server_no_context_takeover");
            assertThat(notOffered.status()).isEqualTo(101);
            assertThat(notOffered.header("Sec-WebSocket-Extensions")).isNull();
        }
    }

    /** The shared compressed frames are built with a 15-bit window: a client wanting a smaller one gets plain frames. */
    @Test
    void anOfferForASmallerServerWindowOrAnUnknownParameterIsDeclined() throws Exception {
        try (RawWebSocket smallWindow = handshake("/ws/students?access_token=" + TestTokens.admin(),
                Map.of("Sec-WebSocket-Extensions", "permessage-deflate; server_max_window_bits=10"));
             RawWebSocket unknown = handshake("/ws/students?access_token=" + TestTokens.admin(),
                     Map.of("Sec-WebSocket-Extensions", "permessage-deflate; foo=1"))) {
            assertThat(smallWindow.status()).isEqualTo(101);
            assertThat(smallWindow.header("Sec-WebSocket-Extensions")).isNull();
            RawWebSocket.WireFrame frame = smallWindow.readFrame();
            assertThat(frame.opcode()).isEqualTo(1);
            assertThat(frame.compressed()).isFalse();
            assertThat(new String(frame.payload(), java.nio.charset.StandardCharsets.UTF_8))
                    .startsWith("{\"type\":\"student_activity_update\"");
            assertThat(unknown.status()).isEqualTo(101);
            assertThat(unknown.header("Sec-WebSocket-Extensions")).isNull();
        }
    }

    @Test
    void aClientMessageAboveTheLimitClosesTheSessionWith1009() {
        try (WsClient client = WsClient.connectAsAdmin(port, Role.PARENT.path())) {
            client.nextMessage();
            client.sendText("x".repeat(4096));
            assertThat(client.closeCode()).succeedsWithin(WsClient.WAIT).isEqualTo(1009);
        }
        await().atMost(WsClient.WAIT).until(() -> channels.connections(Role.PARENT) == 0);
    }

    @Test
    void noTokenReachesALogLineEvenWithDebugLogging() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.DEBUG);
        String good = TestTokens.admin();
        String expired = TestTokens.expiredAdmin();
        try (RawWebSocket refused = handshake("/ws/students?access_token=" + expired, Map.of());
             RawWebSocket accepted = handshake("/ws/students?access_token=" + good + "&x=1", Map.of());
             RawWebSocket protocol = handshake("/ws/teachers",
                     Map.of("Sec-WebSocket-Protocol", "activity.v1, access_token." + good));
             RawWebSocket refusedProtocol = handshake("/ws/teachers",
                     Map.of("Sec-WebSocket-Protocol", "activity.v1, " + expired))) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(accepted.status()).isEqualTo(101);
            assertThat(protocol.status()).isEqualTo(101);
            assertThat(refusedProtocol.status()).isEqualTo(401);
            accepted.readFrameOpcode();
            protocol.readFrameOpcode();
        } finally {
            root.setLevel(before);
            root.detachAppender(appender);
        }
        assertThat(appender.list).isNotEmpty();
        assertThat(appender.list).allSatisfy(event -> assertThat(event.getFormattedMessage() + throwableText(event))
                .doesNotContain(good).doesNotContain(expired).doesNotContain(signature(good)));
    }

    private static String throwableText(ILoggingEvent event) {
        return event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage();
    }

    private static String signature(String token) {
        return token.substring(token.lastIndexOf('.') + 1);
    }

    private RawWebSocket handshake(String pathAndQuery, Map<String, String> headers) {
        return RawWebSocket.handshake(port, pathAndQuery, headers);
    }
}
