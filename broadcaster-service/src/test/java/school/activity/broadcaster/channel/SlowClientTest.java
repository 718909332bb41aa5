package school.activity.broadcaster.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;

import org.junit.jupiter.api.Test;

import school.activity.broadcaster.FastTickBroadcasterTest;
import school.activity.broadcaster.support.RawWebSocket;
import school.activity.broadcaster.support.WsClient;
import school.activity.shared.contract.Role;

class SlowClientTest extends FastTickBroadcasterTest {

    /** Enough teachers with long names that a few frames overflow every socket buffer between server and client. */
    private static final int TEACHERS = 400;
    private static final int NAME_LENGTH = 1000;
    private static final int FRAMES_WHILE_STALLED = 5;

    @Test
    void aClientThatStopsReadingDoesNotDelayTheOthersAndIsDropped() throws Exception {
        for (int i = 0; i < TEACHERS; i++) {
            school.addUser(Role.TEACHER, i + " " + "n".repeat(NAME_LENGTH));
        }
        double droppedBefore = counter("activity.ws.clients.dropped", "channel", "teachers", "reason", "send_time_limit");

        try (WsClient reader = WsClient.connect(port, Role.TEACHER.path(), Map.of());
             RawWebSocket stalled = RawWebSocket.handshake(port, Role.TEACHER.path(), Map.of(), 4096)) {
            assertThat(stalled.status()).isEqualTo(101);
            int before = reader.received();

            // While the stalled client holds a send open, the reader still gets every tick's frame...
            await().atMost(WsClient.WAIT).until(() -> reader.received() >= before + FRAMES_WHILE_STALLED);
            // ...and the stalled client is dropped once its send has lasted longer than the send time limit.
            await().atMost(WsClient.WAIT).until(() -> counter("activity.ws.clients.dropped", "channel", "teachers",
                    "reason", "send_time_limit") > droppedBefore);
            await().atMost(WsClient.WAIT).until(() -> channels.connections(Role.TEACHER) == 1);

            int afterDrop = reader.received();
            await().atMost(WsClient.WAIT).until(() -> reader.received() > afterDrop);
            assertThat(reader.isOpen()).isTrue();
            assertThat(reader.nextMessage().get("total_users").asInt()).isGreaterThanOrEqualTo(TEACHERS);
        }
    }
}
