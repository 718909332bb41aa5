package school.activity.broadcaster.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import school.activity.broadcaster.OnDemandBroadcasterTest;
import school.activity.broadcaster.support.TestTokens;
import school.activity.broadcaster.support.WsClient;
import school.activity.shared.contract.Role;

/** A session lasts as long as the token it was opened with (profile on-demand: 1 s clock skew). */
class TokenExpiryTest extends OnDemandBroadcasterTest {

    @Test
    void aSessionIsClosedWith1008WhenItsTokenExpiresWhileOthersStayOpen() {
        String shortLived = TestTokens.adminFor(Duration.ofSeconds(4));
        try (WsClient expiring = WsClient.connect(port, Role.PARENT.path(),
                     Map.of("Authorization", "Bearer " + shortLived));
             WsClient lasting = WsClient.connect(port, Role.PARENT.path(),
                     Map.of("Authorization", "Bearer " + TestTokens.admin()))) {
            assertThat(expiring.nextMessage().get("type").asString()).isEqualTo("parent_activity_update");

            assertThat(expiring.closeCode()).succeedsWithin(WsClient.WAIT).isEqualTo(1008);
            assertThat(lasting.isOpen()).isTrue();
            assertThat(channels.connections(Role.PARENT)).isEqualTo(1);
        }
    }
}
