package school.activity.benchmarks.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import school.activity.shared.contract.ActivityJson;
import tools.jackson.databind.JsonNode;

/**
 * {@code ws-expect-online <url> <userId> <timeoutSeconds>}: reads whole channel messages (the token in the
 * Authorization header) until one shows the user online. The JDK client decodes whole messages, which this check
 * needs; the load tools use the raw clients instead.
 */
final class WsExpectOnline {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private WsExpectOnline() {
    }

    static int run(String[] args, String token) throws Exception {
        if (args.length != 3) {
            return ClusterTool.usage();
        }
        URI uri = URI.create(args[0]);
        long userId = Long.parseLong(args[1]);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[2]));
        LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT);
        if (token != null && !token.isEmpty()) {
            builder.header("Authorization", "Bearer " + token);
        }
        WebSocket socket = builder.buildAsync(uri, new Collector(messages))
                .get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        try {
            while (System.nanoTime() < deadline) {
                String message = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (message == null) {
                    break;
                }
                JsonNode root = ActivityJson.mapper().readTree(message);
                System.out.printf("%s: total_users=%s online_users=%s%n", root.path("type").asString(),
                        root.path("total_users").asString(), root.path("online_users").asString());
                if (showsOnline(root, userId)) {
                    System.out.printf("user %d online%n", userId);
                    return 0;
                }
            }
            System.err.printf("user %d not shown online before the timeout%n", userId);
            return 1;
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    static boolean showsOnline(JsonNode message, long userId) {
        for (JsonNode user : message.path("data")) {
            if (user.path("user_id").asLong() == userId && user.path("is_online").asBoolean()) {
                return true;
            }
        }
        return false;
    }

    /** Joins message fragments; every complete text message goes to the queue. */
    private static final class Collector implements WebSocket.Listener {
        private final LinkedBlockingQueue<String> messages;
        private final StringBuilder partial = new StringBuilder();

        Collector(LinkedBlockingQueue<String> messages) {
            this.messages = messages;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }
}
