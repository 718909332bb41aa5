package school.activity.broadcaster.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import school.activity.broadcaster.OnDemandBroadcasterTest;
import school.activity.broadcaster.support.RawWebSocket;
import school.activity.broadcaster.support.TestTokens;
import school.activity.broadcaster.support.WsClient;
import school.activity.shared.contract.Role;

class ConnectionLimitTest extends OnDemandBroadcasterTest {

    private static final int LIMIT = 5;
    private static final int STORM = 20;

    @Test
    void twentyConcurrentConnectsAdmitExactlyTheLimitAndAfterTwoCloseTwoMoreGetIn() throws Exception {
        List<Object> outcomes = storm(STORM);
        List<WsClient> admitted = outcomes.stream().filter(WsClient.class::isInstance).map(WsClient.class::cast).toList();
        List<Integer> refusals = outcomes.stream().filter(Integer.class::isInstance).map(Integer.class::cast).toList();
        try {
            assertThat(admitted).hasSize(LIMIT);
            assertThat(refusals).hasSize(STORM - LIMIT).containsOnly(503);
            assertThat(channels.connections(Role.PARENT)).isEqualTo(LIMIT);
            admitted.forEach(WsClient::nextMessage);

            try (RawWebSocket full = RawWebSocket.handshake(port, path(), Map.of())) {
                assertThat(full.status()).isEqualTo(503);
                assertThat(full.header("Retry-After")).isEqualTo("7");
                assertThat(full.body()).contains("\"error\":\"channel_full\"");
            }

            admitted.get(0).close();
            admitted.get(1).abort();
            await().atMost(WsClient.WAIT).until(() -> channels.connections(Role.PARENT) == LIMIT - 2);

            List<Object> secondWave = storm(4);
            List<WsClient> secondAdmitted = secondWave.stream().filter(WsClient.class::isInstance)
                    .map(WsClient.class::cast).toList();
            assertThat(secondAdmitted).hasSize(2);
            assertThat(secondWave).filteredOn(Integer.class::isInstance).containsOnly(503);
            secondAdmitted.forEach(client -> assertThat(client.nextMessage().get("type").asString())
                    .isEqualTo("parent_activity_update"));
            secondAdmitted.forEach(WsClient::close);
        } finally {
            admitted.forEach(WsClient::close);
        }
        await().atMost(WsClient.WAIT).until(() -> channels.connections(Role.PARENT) == 0);
    }

    /** {@code count} handshakes released at the same instant; each outcome is a client or the refusal status. */
    private List<Object> storm(int count) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return connect();
                }));
            }
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } finally {
            threads.shutdownNow();
        }
    }

    private Object connect() {
        CompletableFuture<WsClient> client = WsClient.connectAsync(port, path(), Map.of());
        try {
            return client.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    private static String path() {
        return Role.PARENT.path() + "?access_token=" + TestTokens.admin();
    }
}
