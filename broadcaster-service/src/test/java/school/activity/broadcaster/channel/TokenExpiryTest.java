package school.activity.broadcaster.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import school.activity.broadcaster.support.TestTokens;
import school.activity.broadcaster.support.WsClient;
import school.activity.shared.contract.Role;
import school.activity.testinfra.TestInfrastructure;

/**
 * A session lasts as long as the token it was opened with, and at most {@code activity.jwt.max-session-lifetime}:
 * token auth (profile on-demand, 1 s clock skew) with a tick every 300 ms, so frames keep coming while the token or
 * the session's lifetime runs out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "activity.broadcast.interval=300ms")
@ActiveProfiles("on-demand")
class TokenExpiryTest {

    @LocalServerPort
    private int port;

    @Autowired
    private Channels channels;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerDatabase(registry);
    }

    @Test
    void aSessionGetsNoFrameAfterItsTokenExpiredAndIsClosedWith1008WhileOthersGoOn() {
        String shortLived = TestTokens.adminFor(Duration.ofSeconds(4));
        try (WsClient expiring = WsClient.connect(port, Role.PARENT.path(),
                     Map.of("Authorization", "Bearer " + shortLived));
             WsClient lasting = WsClient.connect(port, Role.PARENT.path(),
                     Map.of("Authorization", "Bearer " + TestTokens.admin()))) {
            assertThat(expiring.nextMessage().get("type").asString()).isEqualTo("parent_activity_update");

            assertThat(expiring.closeCode()).succeedsWithin(WsClient.WAIT).isEqualTo(1008);
            int seen = lasting.received();
            await().atMost(WsClient.WAIT).until(() -> lasting.received() > seen);
            assertThat(lasting.isOpen()).isTrue();
            assertThat(channels.connections(Role.PARENT)).isEqualTo(1);
        }
    }

    /** A 2 s session lifetime (own context) and a token valid for a day. */
    @Nested
    @TestPropertySource(properties = "activity.jwt.max-session-lifetime=2s")
    class SessionLifetime {

        @LocalServerPort
        private int lifetimePort;

        @Test
        void aSessionOpenedWithALongLivedTokenIsClosedWith1008AtTheLifetimeLimit() {
            String longLived = TestTokens.adminFor(Duration.ofDays(1));
            try (WsClient session = WsClient.connect(lifetimePort, Role.STUDENT.path(),
                    Map.of("Authorization", "Bearer " + longLived))) {
                assertThat(session.nextMessage().get("type").asString()).isEqualTo("student_activity_update");

                assertThat(session.closeCode()).succeedsWithin(WsClient.WAIT).isEqualTo(1008);
            }
        }
    }
}
