package school.activity.broadcaster.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import school.activity.shared.contract.Timestamps;

/**
 * The client side of {@link TickBenchmark}: opens the connections, then for each tick records when every client
 * received the frame (the frame's own {@code timestamp} is when the server encoded it; same host, same clock).
 * Each client keeps only the frame's length and its last characters, so thousands of clients stay light.
 */
public final class BenchClients {

    private static final int HTTP_CLIENTS = 8;
    private static final int CONNECTS_IN_FLIGHT = 200;
    private static final int TAIL = 128;
    private static final String TIMESTAMP_FIELD = "\"timestamp\":\"";

    private final Map<Instant, TickReceipts> receipts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> endings = new ConcurrentHashMap<>();

    private BenchClients() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int clients = Integer.parseInt(args[1]);
        int ticks = Integer.parseInt(args[2]);
        int intervalSeconds = Integer.parseInt(args[3]);
        new BenchClients().run(port, clients, ticks, intervalSeconds);
        System.exit(0);
    }

    private void run(int port, int clients, int ticks, int intervalSeconds) throws Exception {
        List<HttpClient> http = new ArrayList<>();
        for (int i = 0; i < HTTP_CLIENTS; i++) {
            http.add(HttpClient.newHttpClient());
        }
        URI uri = URI.create("ws://127.0.0.1:" + port + "/ws/students");
        Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<WebSocket>> sockets = new ArrayList<>();
        long connectStart = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            inFlight.acquire();
            sockets.add(http.get(i % HTTP_CLIENTS).newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(uri, new Receiver())
                    .whenComplete((ws, error) -> {
                        inFlight.release();
                        if (error != null) {
                            failed.incrementAndGet();
                        }
                    }));
        }
        CompletableFuture.allOf(sockets.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        System.out.printf("%d clients connected in %d ms (%d failed)%n", clients - failed.get(),
                (System.nanoTime() - connectStart) / 1_000_000, failed.get());

        // Measure the ticks that start after every client is connected.
        Instant measureFrom = Instant.now();
        long deadline = System.nanoTime() + Duration.ofSeconds((long) (ticks + 2) * intervalSeconds + 30).toNanos();
        while (System.nanoTime() < deadline && completeTicksAfter(measureFrom, clients - failed.get()) < ticks) {
            Thread.sleep(200);
        }
        System.out.println("tick (frame timestamp)         clients  frame bytes  encode->first  encode->last  bytes to all");
        receipts.entrySet().stream().filter(e -> e.getKey().isAfter(measureFrom))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> {
                    TickReceipts r = e.getValue();
                    System.out.printf("%s  %7d  %11d  %10d ms  %9d ms  %9.1f MB%n", Timestamps.format(e.getKey()),
                            r.count.get(), r.frameChars, Duration.between(e.getKey(), r.first()).toMillis(),
                            Duration.between(e.getKey(), r.last()).toMillis(),
                            r.count.get() * (double) r.frameChars / 1_000_000);
                });
        System.out.println("clients closed by the server or failed, by close code or error: " + endings);
        sockets.forEach(future -> future.thenAccept(WebSocket::abort));
    }

    private long completeTicksAfter(Instant from, int clients) {
        return receipts.entrySet().stream()
                .filter(e -> e.getKey().isAfter(from) && e.getValue().count.get() >= clients).count();
    }

    private void received(Instant frameTimestamp, long chars) {
        Instant now = Instant.now();
        receipts.computeIfAbsent(frameTimestamp, t -> new TickReceipts(chars)).add(now);
    }

    /** When each client got one frame. */
    private static final class TickReceipts {
        private final long frameChars;
        private final AtomicInteger count = new AtomicInteger();
        private final AtomicLong firstMicros = new AtomicLong(Long.MAX_VALUE);
        private final AtomicLong lastMicros = new AtomicLong(Long.MIN_VALUE);

        TickReceipts(long frameChars) {
            this.frameChars = frameChars;
        }

        void add(Instant at) {
            long micros = at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
            firstMicros.accumulateAndGet(micros, Math::min);
            lastMicros.accumulateAndGet(micros, Math::max);
            count.incrementAndGet();
        }

        Instant first() {
            return Instant.EPOCH.plusNanos(firstMicros.get() * 1_000);
        }

        Instant last() {
            return Instant.EPOCH.plusNanos(lastMicros.get() * 1_000);
        }
    }

    /** One client: counts the frame's characters and keeps its tail, where the timestamp is. */
    private final class Receiver implements WebSocket.Listener {
        private final StringBuilder tail = new StringBuilder();
        private long chars;

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            chars += data.length();
            tail.append(data, Math.max(0, data.length() - TAIL), data.length());
            if (tail.length() > 2 * TAIL) {
                tail.delete(0, tail.length() - TAIL);
            }
            if (last) {
                String end = tail.toString();
                int at = end.lastIndexOf(TIMESTAMP_FIELD);
                if (at >= 0) {
                    int start = at + TIMESTAMP_FIELD.length();
                    received(Timestamps.parse(end.substring(start, end.indexOf('"', start))), chars);
                }
                chars = 0;
                tail.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            endings.computeIfAbsent("close " + statusCode, k -> new AtomicInteger()).incrementAndGet();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            endings.computeIfAbsent(error.getClass().getSimpleName() + ": "
                    + (error.getCause() == null ? error.getMessage() : error.getCause().getMessage()), k -> new AtomicInteger()).incrementAndGet();
        }
    }

}
