import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import school.activity.shared.contract.ActivityJson;
import school.activity.shared.token.TokenIssuer;
import school.activity.shared.token.TokenSettings;
import tools.jackson.databind.JsonNode;

/**
 * Client-side helpers for scripts/cluster.sh. They run on the tracker jar's own libraries (shared-model, jjwt,
 * Jackson 3), so tokens and payloads follow exactly the contracts the services use.
 *
 * <pre>
 *   token &lt;userId&gt; &lt;role&gt; [phone] [ttlSeconds]   a signed JWT (HMAC secret from ACTIVITY_JWT_SECRET)
 *   ws-expect-online &lt;url&gt; &lt;userId&gt; &lt;timeoutSeconds&gt;
 *                                                 read channel messages until one shows userId online; the
 *                                                 token comes from ACCESS_TOKEN (not an argument: process lists
 *                                                 show arguments)
 * </pre>
 * Exit status: 0 success, 1 check failed or timed out, 2 usage.
 */
public final class ClusterTool {

    private static final long DEFAULT_TOKEN_TTL_SECONDS = 3600;

    private ClusterTool() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        int status = switch (args[0]) {
            case "token" -> token(args);
            case "ws-expect-online" -> wsExpectOnline(args);
            default -> usage();
        };
        System.exit(status);
    }

    private static int usage() {
        System.err.println("usage: ClusterTool token <userId> <role> [phone] [ttlSeconds]"
                + " | ws-expect-online <url> <userId> <timeoutSeconds>");
        System.exit(2);
        return 2;
    }

    private static int token(String[] args) {
        if (args.length < 3) {
            return usage();
        }
        String secret = System.getenv("ACTIVITY_JWT_SECRET");
        String phone = args.length > 3 && !args[3].isEmpty() ? args[3] : null;
        long ttl = args.length > 4 ? Long.parseLong(args[4]) : DEFAULT_TOKEN_TTL_SECONDS;
        TokenIssuer issuer = TokenIssuer.hmac(TokenSettings.hmac(secret));
        System.out.println(issuer.issue(Long.parseLong(args[1]), args[2], phone, Duration.ofSeconds(ttl)));
        return 0;
    }

    /** Connects with the token in the Authorization header, reads whole messages, checks the user's is_online. */
    private static int wsExpectOnline(String[] args) throws Exception {
        if (args.length < 4) {
            return usage();
        }
        URI uri = URI.create(args[1]);
        String token = System.getenv("ACCESS_TOKEN");
        long userId = Long.parseLong(args[2]);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[3]));
        LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (token != null && !token.isEmpty()) {
            builder.header("Authorization", "Bearer " + token);
        }
        WebSocket socket = builder
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, new Collector(messages))
                .get(10, TimeUnit.SECONDS);
        try {
            while (System.nanoTime() < deadline) {
                String message = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (message == null) {
                    break;
                }
                JsonNode root = ActivityJson.mapper().readTree(message);
                System.out.printf("%s: total_users=%s online_users=%s%n", root.path("type").asString(),
                        root.path("total_users").asString(), root.path("online_users").asString());
                for (JsonNode user : root.path("data")) {
                    if (user.path("user_id").asLong() == userId && user.path("is_online").asBoolean()) {
                        System.out.printf("user %d online, last_active %s%n", userId,
                                user.path("last_active").asString());
                        return 0;
                    }
                }
            }
            System.err.printf("user %d not shown online before the timeout%n", userId);
            return 1;
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
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
