package school.activity.broadcaster.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import school.activity.broadcaster.FastTickBroadcasterTest;
import school.activity.broadcaster.support.RawWebSocket;
import school.activity.broadcaster.support.WsClient;
import school.activity.shared.contract.Role;

class PeerLivenessTest extends FastTickBroadcasterTest {

    private static final int PING_OPCODE = 9;
    private static final int CLOSE_OPCODE = 8;

    @Test
    void theSeedsOpenClientGetsAMessageEveryTick() {
        // activity.ws.auth=none: ws://host/ws/parents with no token, as the seed's JavaScript and Python examples do.
        try (WsClient client = WsClient.connect(port, Role.PARENT.path(), Map.of())) {
            assertThat(client.nextMessage().get("type").asString()).isEqualTo("parent_activity_update");
            int seen = client.received();
            await().atMost(WsClient.WAIT).until(() -> client.received() >= seen + 3);
            assertThat(client.isOpen()).isTrue();
        }
    }

    @Test
    void aPeerThatNeverAnswersPingsIsClosed() throws Exception {
        try (RawWebSocket silent = RawWebSocket.handshake(port, Role.PARENT.path(), Map.of())) {
            assertThat(silent.status()).isEqualTo(101);
            await().atMost(WsClient.WAIT).until(() -> channels.connections(Role.PARENT) == 1);
            CompletableFuture<Boolean> pingedThenClosed = CompletableFuture.supplyAsync(() -> readUntilClosed(silent));
            assertThat(pingedThenClosed).succeedsWithin(WsClient.WAIT).isEqualTo(true);
            await().atMost(WsClient.WAIT).until(() -> channels.connections(Role.PARENT) == 0);
            assertThat(counter("activity.ws.clients.dropped", "channel", "parents", "reason", "no_pong")).isPositive();
        }
    }

    @Test
    void aClientThatVanishesWithATcpResetGivesItsSlotBack() throws Exception {
        RawWebSocket vanishing = RawWebSocket.handshake(port, Role.PARENT.path(), Map.of());
        assertThat(vanishing.status()).isEqualTo(101);
        await().atMost(WsClient.WAIT).until(() -> channels.connections(Role.PARENT) == 1);
        vanishing.reset();
        await().atMost(WsClient.WAIT).until(() -> channels.connections(Role.PARENT) == 0);
    }

    /** Reads frames, never answering: true if a ping came before the server closed the connection. */
    private static boolean readUntilClosed(RawWebSocket socket) {
        boolean pinged = false;
        try {
            for (int opcode = socket.readFrameOpcode(); opcode != -1 && opcode != CLOSE_OPCODE;
                    opcode = socket.readFrameOpcode()) {
                pinged |= opcode == PING_OPCODE;
            }
        } catch (IOException closedByServer) {
            // a reset after the close frame ends the stream as well
        }
        return pinged;
    }
}
