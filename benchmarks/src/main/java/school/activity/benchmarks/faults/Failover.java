package school.activity.benchmarks.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code failover <directWsUrl> <balancedWsUrl> <clients> <statusUrl> <dir>}: opens N clients straight at one
 * instance, then waits for the script to kill it ({@code fault_start}); every client that loses its connection
 * reconnects through the load balancer, 1 s apart, until admitted. Holds when all are back and
 * {@code /activity/status} counts one instance. Reconnecting clients need the JDK client's per-connection events,
 * which the raw clients do not report.
 */
final class Failover {

    private static final long CONNECT_SECONDS = 120;
    private static final long RECONNECT_LIMIT_MILLIS = TimeUnit.SECONDS.toMillis(120);
    private static final long NOTICE_LIMIT_MILLIS = TimeUnit.SECONDS.toMillis(30);
    private static final long STATUS_LIMIT_MILLIS = TimeUnit.SECONDS.toMillis(60);
    private static final long RETRY_SECONDS = 1;
    private static final Pattern INSTANCES = Pattern.compile("\"instances\"\\s*:\\s*(\\d+)");
    private static final Pattern TEACHERS = Pattern.compile("\"teacher_connections\"\\s*:\\s*(\\d+)");

    private Failover() {
    }

    /** What every client shares: counters, how connections ended, where to reconnect. */
    private record Fleet(HttpClient http, URI balanced, String token, AtomicInteger connected, AtomicInteger refused,
                         AtomicInteger lost, Map<String, Integer> endings, ScheduledExecutorService retries) {
    }

    static int run(String[] args) throws Exception {
        URI direct = URI.create(args[0]);
        int clients = Integer.parseInt(args[2]);
        URI status = URI.create(args[3]);
        WorkDir dir = WorkDir.of(args[4]);
        String token = ClusterAccess.adminToken();
        HttpClient http = HttpClient.newBuilder().connectTimeout(HeartbeatClient.REQUEST_TIMEOUT).build();
        Fleet fleet = new Fleet(http, URI.create(args[1]), token, new AtomicInteger(), new AtomicInteger(),
                new AtomicInteger(), new ConcurrentHashMap<>(), Executors.newScheduledThreadPool(4));
        List<CompletableFuture<WebSocket>> first = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            first.add(http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(direct, new Reconnecting(fleet)));
        }
        CompletableFuture.allOf(first.toArray(CompletableFuture[]::new)).get(CONNECT_SECONDS, TimeUnit.SECONDS);
        System.out.printf("failover: %d clients connected to %s%n", fleet.connected().get(), direct);
        java.nio.file.Files.writeString(dir.resolve("ready"), "1");
        while (!dir.has(WorkDir.FAULT_START)) {
            Thread.sleep(100);
        }
        long killed = dir.mark(WorkDir.FAULT_START, 0);
        int lostBeforeKill = fleet.lost().get();
        System.out.println("failover: connections lost before the kill, by how they ended: " + fleet.endings());
        while (fleet.lost().get() < clients && System.currentTimeMillis() < killed + NOTICE_LIMIT_MILLIS) {
            Thread.sleep(50);
        }
        long noticed = System.currentTimeMillis() - killed;
        long deadline = System.currentTimeMillis() + RECONNECT_LIMIT_MILLIS;
        while (fleet.connected().get() < clients && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        long allBack = System.currentTimeMillis() - killed;
        System.out.printf("failover: %d of %d lost their connection (all noticed %.1f s after the kill; %d more had "
                        + "lost theirs before it, client side, and reconnected); %d of %d connected again %.1f s after "
                        + "the kill (%d reconnect attempts refused on the way)%n", fleet.lost().get() - lostBeforeKill,
                clients, noticed / 1000.0, lostBeforeKill, fleet.connected().get(), clients, allBack / 1000.0,
                fleet.refused().get());
        int instances = -1;
        while (System.currentTimeMillis() < deadline + STATUS_LIMIT_MILLIS) {
            String body = http.send(HttpRequest.newBuilder(status).header("Authorization", "Bearer " + token)
                    .timeout(HeartbeatClient.REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = INSTANCES.matcher(body);
            instances = m.find() ? Integer.parseInt(m.group(1)) : -1;
            if (instances == 1) {
                Matcher t = TEACHERS.matcher(body);
                System.out.printf("failover: /activity/status counts 1 instance %.1f s after the kill, "
                        + "teacher_connections %s%n", (System.currentTimeMillis() - killed) / 1000.0,
                        t.find() ? t.group(1) : "?");
                break;
            }
            Thread.sleep(1000);
        }
        fleet.retries().shutdownNow();
        return FaultTool.held(fleet.connected().get() == clients && fleet.lost().get() >= clients && instances == 1);
    }

    /** A client that, once its connection is lost, reconnects through the load balancer until it is admitted. */
    private static final class Reconnecting implements WebSocket.Listener {
        private final Fleet fleet;
        private final AtomicBoolean lost = new AtomicBoolean();

        Reconnecting(Fleet fleet) {
            this.fleet = fleet;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            fleet.connected().incrementAndGet();
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            reconnect("close " + statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            reconnect(error.getClass().getSimpleName() + ": " + error.getMessage());
        }

        private void reconnect(String why) {
            fleet.endings().merge(why, 1, Integer::sum);
            if (lost.compareAndSet(false, true)) {
                fleet.lost().incrementAndGet();
                fleet.connected().decrementAndGet();
                attempt();
            }
        }

        private void attempt() {
            fleet.http().newWebSocketBuilder().header("Authorization", "Bearer " + fleet.token())
                    .buildAsync(fleet.balanced(), new Reconnecting(fleet))
                    .whenComplete((socket, error) -> {
                        if (error != null) {
                            fleet.refused().incrementAndGet();
                            fleet.retries().schedule(this::attempt, RETRY_SECONDS, TimeUnit.SECONDS);
                        }
                    });
        }
    }
}
