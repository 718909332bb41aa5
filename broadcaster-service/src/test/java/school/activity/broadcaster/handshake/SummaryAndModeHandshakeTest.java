package school.activity.broadcaster.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import school.activity.broadcaster.OnDemandBroadcasterTest;
import school.activity.broadcaster.support.RawWebSocket;
import school.activity.broadcaster.support.TestTokens;
import school.activity.shared.contract.Role;

class SummaryAndModeHandshakeTest extends OnDemandBroadcasterTest {

    @Test
    void theSummaryHasTheChannelsHandshakeRulesWithItsOwnRoles() throws Exception {
        try (RawWebSocket noToken = handshake("/ws/summary");
             RawWebSocket student = handshake("/ws/summary?access_token=" + TestTokens.forRole("student"));
             RawWebSocket principal = handshake("/ws/summary?access_token=" + TestTokens.forRole("principal"));
             RawWebSocket admin = handshake("/ws/summary?access_token=" + TestTokens.admin())) {
            assertThat(List.of(noToken.status(), student.status(), principal.status(), admin.status()))
                    .containsExactly(401, 403, 101, 101);
            assertThat(student.body()).contains("\"error\":\"forbidden\"");
            assertThat(admin.readTextMessage()).startsWith("{\"type\":\"activity_summary\"");
        }
        try (RawWebSocket principalOnStudents = handshake("/ws/students?access_token=" + TestTokens.forRole("principal"))) {
            assertThat(principalOnStudents.status()).isEqualTo(403);
        }
    }

    @Test
    void theSummaryHasThePerChannelLimit() throws Exception {
        List<RawWebSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < channels.maxConnectionsPerChannel(); i++) {
                open.add(handshake("/ws/summary?access_token=" + TestTokens.admin()));
                assertThat(open.get(i).status()).isEqualTo(101);
            }
            try (RawWebSocket full = handshake("/ws/summary?access_token=" + TestTokens.admin())) {
                assertThat(full.status()).isEqualTo(503);
                assertThat(full.header("Retry-After")).isEqualTo("7");
            }
        } finally {
            for (RawWebSocket socket : open) {
                socket.close();
            }
        }
    }

    @Test
    void anUnknownModeIsABadRequestAndTakesNoSlot() throws Exception {
        try (RawWebSocket bad = handshake(Role.STUDENT.path() + "?mode=diff&access_token=" + TestTokens.admin());
             RawWebSocket delta = handshake(Role.STUDENT.path() + "?access_token=" + TestTokens.admin() + "&mode=delta")) {
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.header("Content-Type")).startsWith("application/json");
            assertThat(bad.body()).contains("\"error\":\"bad_request\"").contains("mode");
            assertThat(delta.status()).isEqualTo(101);
            assertThat(delta.readTextMessage()).startsWith("{\"type\":\"student_activity_update\",\"seq\":");
            assertThat(channels.connections(Role.STUDENT)).isEqualTo(1);
        }
    }

    private RawWebSocket handshake(String pathAndQuery) {
        return RawWebSocket.handshake(port, pathAndQuery, Map.of());
    }
}
