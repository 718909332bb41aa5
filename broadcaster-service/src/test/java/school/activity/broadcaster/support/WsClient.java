package school.activity.broadcaster.support;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real WebSocket client (the JDK's) that keeps every text message it receives and answers pings. */
public final class WsClient implements WebSocket.Listener, AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    public static final Duration WAIT = Duration.ofSeconds(20);

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final AtomicInteger taken = new AtomicInteger();
    private volatile WebSocket socket;

    public static CompletableFuture<WsClient> connectAsync(int port, String pathAndQuery, Map<String, String> headers) {
        WsClient client = new WsClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        return builder.buildAsync(URI.create("ws://127.0.0.1:" + port + pathAndQuery), client)
                .thenApply(ws -> client);
    }

    public static WsClient connect(int port, String pathAndQuery, Map<String, String> headers) {
        return connectAsync(port, pathAndQuery, headers).join();
    }

    /** Connects with an admin token in the {@code access_token} query parameter, as a browser would. */
    public static WsClient connectAsAdmin(int port, String path) {
        return connect(port, path + "?access_token=" + TestTokens.admin(), Map.of());
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        this.socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        synchronized (partial) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.complete(-1);
    }

    public int received() {
        return messages.size();
    }

    /** The next message not yet taken, waiting for it if needed. */
    public JsonNode nextMessage() {
        int index = taken.getAndIncrement();
        await().atMost(WAIT).until(() -> messages.size() > index);
        return JSON.readTree(messages.get(index));
    }

    /** The newest message, skipping the ones before it. */
    public JsonNode awaitMessageAfter(int count) {
        await().atMost(WAIT).until(() -> messages.size() > count);
        taken.set(messages.size());
        return JSON.readTree(messages.get(messages.size() - 1));
    }

    public String rawMessage(int index) {
        return messages.get(index);
    }

    public CompletableFuture<Integer> closeCode() {
        return closeCode;
    }

    public boolean isOpen() {
        return !closeCode.isDone() && socket != null && !socket.isInputClosed();
    }

    public void sendText(String text) {
        socket.sendText(text, true).join();
    }

    @Override
    public void close() {
        WebSocket ws = socket;
        if (ws != null && !ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
    }

    /** Drops the TCP connection without a close frame. */
    public void abort() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }
}
