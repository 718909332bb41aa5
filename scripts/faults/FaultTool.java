import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import school.activity.shared.token.TokenIssuer;
import school.activity.shared.token.TokenSettings;

/**
 * Load and checks for the fault scenarios in scripts/faults/ (docs/reliability.md). Compiled by scripts/faults/lib.sh
 * against the tracker jar's own libraries, like scripts/cluster/ClusterTool.java, so tokens come from shared-model's
 * TokenIssuer. Database settings from ACTIVITY_DB_URL / _USER / _PASSWORD, the secret from ACTIVITY_JWT_SECRET
 * (both from `scripts/cluster.sh env`).
 *
 * <pre>
 *   traffic &lt;trackerUrl&gt; &lt;users&gt; &lt;requestsPerSecond&gt; &lt;seconds&gt; &lt;dir&gt;
 *       heartbeats of the first N users (by id), paced, until the time is up or dir/stop exists; writes dir/last.csv (per user: the window of the last
 *       answered request) and prints latency per phase; phases are split at the epoch milliseconds in
 *       dir/fault_start and dir/fault_end when a script wrote them
 *   check-last-active &lt;dir&gt; &lt;timeoutSeconds&gt; [lossAllowedAfterEpochMillis]
 *       waits until every user of dir/last.csv has last_active inside their last request's window; users whose last
 *       request came after the optional instant may lag (a kill -9 loses at most one flush interval): counted
 *   ws-hold &lt;wsUrl&gt; &lt;clients&gt; &lt;seconds&gt; &lt;dir&gt;
 *       keeps N channel clients open (admin token) until the time is up or dir/stop exists, counts messages; prints how many stayed open and how many got a
 *       message after dir/fault_end
 *   storm &lt;host:port&gt; &lt;handshakes&gt; &lt;limitPerChannel&gt; &lt;holdSeconds&gt;
 *       that many concurrent handshakes spread over the three channels of one instance: exactly the limit per
 *       channel admitted, every other one refused with 503; the instance's own connection gauge checked while
 *       they are held and after they are closed
 *   stall &lt;host:port&gt; &lt;channelPath&gt; &lt;stalledClients&gt; &lt;normalClients&gt; &lt;secondsPerPhase&gt;
 *       normal clients measure delivery time (receipt minus the frame's timestamp) for a phase alone, then for a
 *       phase with clients that never read; prints both, the instance's heap high-water mark and how many clients
 *       it dropped
 *   failover &lt;directWsUrl&gt; &lt;balancedWsUrl&gt; &lt;clients&gt; &lt;statusUrl&gt; &lt;dir&gt;
 *       opens N clients straight at one instance, then waits for dir/fault_start (the script kills it); every
 *       client that loses its connection reconnects through the load balancer (1 s apart); prints when all are
 *       back and when /activity/status counts one instance
 * </pre>
 * Exit status: 0 the check held, 1 it did not, 2 usage.
 */
public final class FaultTool {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final int WORKERS = 64;

    private FaultTool() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.exit(usage());
        }
        int status = switch (args[0]) {
            case "traffic" -> args.length == 6 ? traffic(args) : usage();
            case "check-last-active" -> args.length >= 3 ? checkLastActive(args) : usage();
            case "ws-hold" -> args.length == 5 ? wsHold(args) : usage();
            case "storm" -> args.length == 6 ? storm(args) : usage();
            case "stall" -> args.length == 7 ? stall(args) : usage();
            case "failover" -> args.length == 6 ? failover(args) : usage();
            default -> usage();
        };
        System.exit(status);
    }

    private static int usage() {
        System.err.println("usage: FaultTool traffic <trackerUrl> <users> <rps> <seconds> <dir>"
                + " | check-last-active <dir> <timeoutSeconds> [lossAllowedAfterEpochMillis]"
                + " | ws-hold <wsUrl> <clients> <seconds> <dir>"
                + " | storm <host:port> <handshakes> <limit> <holdSeconds> <managementHost:port>"
                + " | stall <host:port> <path> <stalled> <normal> <phaseSeconds> <managementHost:port>");
        return 2;
    }

    // ---- traffic ------------------------------------------------------------------------------------------------

    private record Sample(long sentMillis, long latencyMicros, boolean ok) {
    }

    private record Window(long sentMicros, long answeredMicros) {
    }

    private static int traffic(String[] args) throws Exception {
        URI heartbeat = URI.create(args[1] + "/activity/heartbeat");
        int users = Integer.parseInt(args[2]);
        double rps = Double.parseDouble(args[3]);
        long seconds = Long.parseLong(args[4]);
        Path dir = Path.of(args[5]);
        List<Long> ids = userIds(users);
        TokenIssuer issuer = TokenIssuer.hmac(TokenSettings.hmac(System.getenv("ACTIVITY_JWT_SECRET")));
        Map<Long, String> tokens = new HashMap<>();
        for (long id : ids) {
            tokens.put(id, "Bearer " + issuer.issue(id, "student", null, Duration.ofHours(2)));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(REQUEST_TIMEOUT).build();
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        Map<Long, Window> last = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        Path stop = dir.resolve("stop");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long periodNanos = (long) (WORKERS * 1e9 / rps);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            long offset = periodNanos * w / WORKERS;
            Thread worker = new Thread(() -> {
                long due = System.nanoTime() + offset;
                while (due < end && !Files.exists(stop)) {
                    LockSupport.parkNanos(due - System.nanoTime());
                    due += periodNanos;
                    long id = ids.get(Math.floorMod(next.getAndIncrement(), ids.size()));
                    Instant sent = Instant.now();
                    long started = System.nanoTime();
                    boolean ok;
                    try {
                        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(heartbeat)
                                .timeout(REQUEST_TIMEOUT).header("Authorization", tokens.get(id))
                                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
                        ok = response.statusCode() == 204;
                    } catch (IOException e) {
                        ok = false;
                    } catch (InterruptedException e) {
                        return;
                    }
                    long latency = (System.nanoTime() - started) / 1000;
                    Instant answered = Instant.now();
                    samples.add(new Sample(sent.toEpochMilli(), latency, ok));
                    if (ok) {
                        Window window = new Window(micros(sent), micros(answered));
                        last.merge(id, window, (a, b) -> a.sentMicros() >= b.sentMicros() ? a : b);
                    } else {
                        errors.incrementAndGet();
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        StringBuilder csv = new StringBuilder();
        last.forEach((id, window) -> csv.append(id).append(',').append(window.sentMicros()).append(',')
                .append(window.answeredMicros()).append('\n'));
        Files.writeString(dir.resolve("last.csv"), csv);
        long faultStart = mark(dir, "fault_start", Long.MAX_VALUE);
        long faultEnd = mark(dir, "fault_end", Long.MAX_VALUE);
        List<Sample> all = new ArrayList<>(samples);
        System.out.printf("traffic: %d requests, %d not answered 204, %d users%n", all.size(), errors.get(), last.size());
        Map<String, List<Sample>> phases = new java.util.LinkedHashMap<>();
        phases.put("before", all.stream().filter(s -> s.sentMillis() < faultStart).toList());
        phases.put("during", all.stream().filter(s -> s.sentMillis() >= faultStart && s.sentMillis() < faultEnd).toList());
        phases.put("after", all.stream().filter(s -> s.sentMillis() >= faultEnd).toList());
        phases.forEach((phase, list) -> {
            if (!list.isEmpty()) {
                long[] latencies = list.stream().mapToLong(Sample::latencyMicros).sorted().toArray();
                System.out.printf("traffic %-6s: %6d requests, %4d errors, p50 %.2f ms, p99 %.2f ms, max %.1f ms%n",
                        phase, list.size(), list.stream().filter(s -> !s.ok()).count(), pct(latencies, 50) / 1000.0,
                        pct(latencies, 99) / 1000.0, latencies[latencies.length - 1] / 1000.0);
            }
        });
        return 0;
    }

    private static long pct(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * percentile / 100.0) - 1)];
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static long mark(Path dir, String name, long otherwise) throws IOException {
        Path file = dir.resolve(name);
        return Files.exists(file) ? Long.parseLong(Files.readString(file).trim()) : otherwise;
    }

    private static List<Long> userIds(int count) throws Exception {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT id FROM users ORDER BY id LIMIT ?")) {
            s.setInt(1, count);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            if (ids.size() < count) {
                throw new IllegalStateException("only " + ids.size() + " users: scripts/cluster.sh seed first");
            }
            return ids;
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(System.getenv("ACTIVITY_DB_URL"), System.getenv("ACTIVITY_DB_USER"),
                System.getenv("ACTIVITY_DB_PASSWORD"));
    }

    // ---- check-last-active --------------------------------------------------------------------------------------

    private static int checkLastActive(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[2]));
        long lossAllowedAfterMicros = args.length > 3 ? Long.parseLong(args[3]) * 1000 : Long.MAX_VALUE;
        Map<Long, Window> expected = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("last.csv"))) {
            String[] f = line.split(",");
            expected.put(Long.parseLong(f[0]), new Window(Long.parseLong(f[1]), Long.parseLong(f[2])));
        }
        long started = System.nanoTime();
        while (true) {
            Map<Long, Long> stored = lastActive(expected.keySet());
            int exact = 0;
            int newer = 0;
            int behind = 0;
            int lagging = 0;
            long maxLagMillis = 0;
            long oldestLostMicros = Long.MAX_VALUE;
            for (Map.Entry<Long, Window> entry : expected.entrySet()) {
                Window window = entry.getValue();
                Long value = stored.get(entry.getKey());
                if (value != null && value >= window.sentMicros() && value <= window.answeredMicros()) {
                    exact++;
                } else if (value != null && value > window.answeredMicros()) {
                    // Newer than the last answered request: a later request the client gave up on (timed out)
                    // was served after all. Nothing was lost.
                    newer++;
                } else if (window.answeredMicros() >= lossAllowedAfterMicros) {
                    // Answered within the window: the filter recorded it at some point before the answer, possibly
                    // within the last interval. Answered earlier, it was recorded earlier: it must have landed.
                    lagging++;
                    maxLagMillis = Math.max(maxLagMillis, (window.sentMicros() - (value == null ? 0 : value)) / 1000);
                } else {
                    behind++;
                    oldestLostMicros = Math.min(oldestLostMicros, window.answeredMicros());
                }
            }
            boolean done = behind == 0;
            if (done || System.nanoTime() > deadline) {
                System.out.printf("check-last-active: %d users, %d exactly their last request, %d newer (a request "
                                + "the client gave up on was served), %d behind (lost), %d within the allowed loss "
                                + "window (max lag %d ms), after %.1f s%n", expected.size(), exact, newer, behind, lagging, lagging == 0 ? 0 : maxLagMillis,
                        (System.nanoTime() - started) / 1e9);
                if (behind > 0 && lossAllowedAfterMicros != Long.MAX_VALUE) {
                    System.out.printf("check-last-active: the oldest lost request was answered %d ms before the "
                            + "allowed loss window%n", (lossAllowedAfterMicros - oldestLostMicros) / 1000);
                }
                return done ? 0 : 1;
            }
            Thread.sleep(500);
        }
    }

    private static Map<Long, Long> lastActive(java.util.Set<Long> ids) throws Exception {
        Map<Long, Long> result = new HashMap<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT user_id, last_active FROM user_activity WHERE user_id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    LocalDateTime time = rs.getObject(2, LocalDateTime.class);
                    result.put(rs.getLong(1), micros(time.toInstant(ZoneOffset.UTC)));
                }
            }
        }
        return result;
    }

    /** A dashboard's token (role admin) signed with the cluster's secret. */
    private static String adminToken() {
        return TokenIssuer.hmac(TokenSettings.hmac(System.getenv("ACTIVITY_JWT_SECRET")))
                .issue(1, "admin", null, Duration.ofHours(2));
    }

    // ---- ws-hold ------------------------------------------------------------------------------------------------

    private static int wsHold(String[] args) throws Exception {
        URI uri = URI.create(args[1]);
        int clients = Integer.parseInt(args[2]);
        long seconds = Long.parseLong(args[3]);
        Path dir = Path.of(args[4]);
        String token = adminToken();
        HttpClient http = HttpClient.newHttpClient();
        List<Counter> counters = new ArrayList<>();
        List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Counter counter = new Counter();
            counters.add(counter);
            opening.add(http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .connectTimeout(REQUEST_TIMEOUT).buildAsync(uri, counter));
        }
        int opened = 0;
        List<WebSocket> sockets = new ArrayList<>();
        for (CompletableFuture<WebSocket> future : opening) {
            try {
                sockets.add(future.get(30, TimeUnit.SECONDS));
                opened++;
            } catch (Exception e) {
                // counted: opened stays lower
            }
        }
        long holdUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < holdUntil && !Files.exists(dir.resolve("stop"))) {
            Thread.sleep(200);
        }
        long faultEnd = mark(dir, "fault_end", Long.MAX_VALUE);
        long stillOpen = counters.stream().filter(c -> c.closedAt.get() == 0).count();
        long resumed = counters.stream().filter(c -> c.lastMessageAt.get() > faultEnd).count();
        int[] messages = counters.stream().mapToInt(c -> c.messages.get()).sorted().toArray();
        System.out.printf("ws-hold: %d of %d opened, %d still open after up to %d s, %d got a message after the fault "
                        + "ended, messages per client min %d median %d%n", opened, clients, stillOpen, seconds, resumed,
                messages[0], messages[messages.length / 2]);
        for (WebSocket socket : sockets) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        boolean faultMarked = faultEnd != Long.MAX_VALUE;
        return opened == clients && stillOpen == clients && (!faultMarked || resumed == clients) ? 0 : 1;
    }

    // ---- storm --------------------------------------------------------------------------------------------------

    private static final String[] CHANNELS = {"students", "teachers", "parents"};

    private static int storm(String[] args) throws Exception {
        String[] host = args[1].split(":");
        java.net.InetSocketAddress address = new java.net.InetSocketAddress(host[0], Integer.parseInt(host[1]));
        int handshakes = Integer.parseInt(args[2]);
        int limit = Integer.parseInt(args[3]);
        long holdSeconds = Long.parseLong(args[4]);
        String token = adminToken();
        HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
        // Plain non-blocking sockets on one selector: every handshake is in flight at once, and every byte the
        // server sends is read and dropped at once, so no admitted client is ever slow enough to be dropped.
        java.nio.channels.Selector selector = java.nio.channels.Selector.open();
        List<RawClient> all = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < handshakes; i++) {
            java.nio.channels.SocketChannel channel = java.nio.channels.SocketChannel.open();
            channel.configureBlocking(false);
            channel.connect(address);
            RawClient client = new RawClient(channel, i % 3, ("GET /ws/" + CHANNELS[i % 3] + " HTTP/1.1\r\nHost: "
                    + args[1] + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: " + java.util.Base64.getEncoder().encodeToString(
                            java.nio.ByteBuffer.allocate(16).putInt(i).array())
                    + "\r\nAuthorization: Bearer " + token + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            channel.register(selector, java.nio.channels.SelectionKey.OP_CONNECT, client);
            all.add(client);
        }
        java.nio.ByteBuffer scratch = java.nio.ByteBuffer.allocateDirect(1 << 20);
        long answeredBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        long holdUntil = Long.MAX_VALUE;
        while (System.nanoTime() < Math.min(answeredBy, holdUntil)) {
            selector.select(100);
            for (java.nio.channels.SelectionKey key : selector.selectedKeys()) {
                ((RawClient) key.attachment()).handle(key, scratch);
            }
            selector.selectedKeys().clear();
            if (holdUntil == Long.MAX_VALUE && all.stream().allMatch(c -> c.status != 0)) {
                System.out.printf("storm: %d handshakes answered in %.1f s%n", handshakes, (System.nanoTime() - started) / 1e9);
                holdUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(holdSeconds);
            }
        }
        int[] admitted = new int[3];
        Map<String, Integer> answers = new java.util.TreeMap<>();
        for (RawClient client : all) {
            answers.merge(client.status == 0 ? "no answer" : "HTTP " + client.status, 1, Integer::sum);
            if (client.status == 101) {
                admitted[client.channelIndex]++;
            }
        }
        long droppedAdmitted = all.stream().filter(c -> c.status == 101 && c.closed).count();
        // Metrics come from the actuator's own port.
        String held = connectionGauges(http, args[5]);
        System.out.printf("storm: admitted students %d teachers %d parents %d; answers %s; admitted then closed by the "
                + "server %d%n", admitted[0], admitted[1], admitted[2], answers, droppedAdmitted);
        System.out.println("storm: connection gauges while held: " + held);
        for (RawClient client : all) {
            client.channel.close();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String after = connectionGauges(http, args[5]);
        while (!after.equals("students=0 teachers=0 parents=0") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            after = connectionGauges(http, args[5]);
        }
        System.out.println("storm: connection gauges after closing: " + after);
        boolean exact = droppedAdmitted == 0;
        for (int c = 0; c < 3; c++) {
            int attempted = handshakes / 3 + (c < handshakes % 3 ? 1 : 0);
            exact &= admitted[c] == Math.min(limit, attempted);
        }
        exact &= answers.getOrDefault("HTTP 503", 0) == handshakes - admitted[0] - admitted[1] - admitted[2];
        exact &= held.equals("students=" + admitted[0] + " teachers=" + admitted[1] + " parents=" + admitted[2]);
        exact &= after.equals("students=0 teachers=0 parents=0");
        return exact ? 0 : 1;
    }

    /** One raw handshake: writes the request, reads the status line, then reads and drops everything. */
    private static final class RawClient {
        final java.nio.channels.SocketChannel channel;
        final int channelIndex;
        final java.nio.ByteBuffer request;
        final StringBuilder head = new StringBuilder();
        int status;
        boolean closed;

        RawClient(java.nio.channels.SocketChannel channel, int channelIndex, byte[] request) {
            this.channel = channel;
            this.channelIndex = channelIndex;
            this.request = java.nio.ByteBuffer.wrap(request);
        }

        void handle(java.nio.channels.SelectionKey key, java.nio.ByteBuffer scratch) {
            try {
                if (key.isConnectable() && channel.finishConnect()) {
                    key.interestOps(java.nio.channels.SelectionKey.OP_WRITE);
                }
                if (key.isValid() && key.isWritable()) {
                    channel.write(request);
                    if (!request.hasRemaining()) {
                        key.interestOps(java.nio.channels.SelectionKey.OP_READ);
                    }
                }
                if (key.isValid() && key.isReadable()) {
                    scratch.clear();
                    int read = channel.read(scratch);
                    if (read < 0) {
                        closed = true;
                        key.cancel();
                        if (status == 0) {
                            status = -1;
                        }
                        return;
                    }
                    if (status == 0) {
                        scratch.flip();
                        while (scratch.hasRemaining() && head.indexOf("\r\n") < 0) {
                            head.append((char) scratch.get());
                        }
                        if (head.indexOf("\r\n") >= 0) {
                            status = Integer.parseInt(head.toString().split(" ")[1]);
                        }
                    }
                }
            } catch (IOException e) {
                closed = true;
                key.cancel();
                if (status == 0) {
                    status = -1;
                }
            }
        }
    }

    /** The instance's own activity_ws_connections gauge per channel, from its Prometheus page. */
    private static String connectionGauges(HttpClient http, String hostPort) throws Exception {
        String page = http.send(HttpRequest.newBuilder(URI.create("http://" + hostPort + "/actuator/prometheus"))
                .timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()).body();
        StringBuilder result = new StringBuilder();
        for (String channel : CHANNELS) {
            long value = page.lines().filter(l -> l.startsWith("activity_ws_connections{") && l.contains("\"" + channel + "\""))
                    .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
            result.append(result.length() == 0 ? "" : " ").append(channel).append('=').append(value);
        }
        return result.toString();
    }

    // ---- failover -----------------------------------------------------------------------------------------------

    private static int failover(String[] args) throws Exception {
        URI direct = URI.create(args[1]);
        URI balanced = URI.create(args[2]);
        int clients = Integer.parseInt(args[3]);
        URI status = URI.create(args[4]);
        Path dir = Path.of(args[5]);
        String token = adminToken();
        HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger lost = new AtomicInteger();
        java.util.concurrent.ScheduledExecutorService retries = java.util.concurrent.Executors.newScheduledThreadPool(4);
        List<CompletableFuture<WebSocket>> first = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            first.add(http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(direct, new Reconnecting(http, balanced, token, connected, refused, lost, retries)));
        }
        CompletableFuture.allOf(first.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        System.out.printf("failover: %d clients connected to %s%n", connected.get(), direct);
        Files.writeString(dir.resolve("ready"), "1");
        int lostBeforeKill;
        while (!Files.exists(dir.resolve("fault_start"))) {
            Thread.sleep(100);
        }
        long killed = mark(dir, "fault_start", 0);
        lostBeforeKill = lost.get();
        System.out.println("failover: connections lost before the kill, by how they ended: " + LOSS_REASONS);
        long deadline = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(120);
        while (lost.get() < clients && System.currentTimeMillis() < killed + 30_000) {
            Thread.sleep(50); // until every client has noticed the loss
        }
        long noticed = System.currentTimeMillis() - killed;
        while (connected.get() < clients && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        long allBack = System.currentTimeMillis() - killed;
        System.out.printf("failover: %d of %d lost their connection (all noticed %.1f s after the kill; %d more had "
                + "lost theirs before it, client side, and reconnected); %d of %d connected again %.1f s after the kill "
                + "(%d reconnect attempts refused on the way)%n", lost.get() - lostBeforeKill, clients, noticed / 1000.0,
                lostBeforeKill, connected.get(), clients, allBack / 1000.0, refused.get());
        int instances = -1;
        while (System.currentTimeMillis() < deadline + 60_000) {
            String body = http.send(HttpRequest.newBuilder(status).header("Authorization", "Bearer " + token)
                    .timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()).body();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"instances\"\\s*:\\s*(\\d+)").matcher(body);
            instances = m.find() ? Integer.parseInt(m.group(1)) : -1;
            if (instances == 1) {
                java.util.regex.Matcher t = java.util.regex.Pattern.compile("\"teacher_connections\"\\s*:\\s*(\\d+)").matcher(body);
                System.out.printf("failover: /activity/status counts 1 instance %.1f s after the kill, teacher_connections %s%n",
                        (System.currentTimeMillis() - killed) / 1000.0, t.find() ? t.group(1) : "?");
                break;
            }
            Thread.sleep(1000);
        }
        retries.shutdownNow();
        return connected.get() == clients && lost.get() >= clients && instances == 1 ? 0 : 1;
    }

    private static final Map<String, Integer> LOSS_REASONS = new ConcurrentHashMap<>();

    /** A client that, once its connection is lost, reconnects through the load balancer until it is admitted. */
    private static final class Reconnecting implements WebSocket.Listener {
        private final HttpClient http;
        private final URI balanced;
        private final String token;
        private final AtomicInteger connected;
        private final AtomicInteger refused;
        private final AtomicInteger lostTotal;
        private final java.util.concurrent.ScheduledExecutorService retries;
        private final java.util.concurrent.atomic.AtomicBoolean lost = new java.util.concurrent.atomic.AtomicBoolean();

        Reconnecting(HttpClient http, URI balanced, String token, AtomicInteger connected, AtomicInteger refused,
                AtomicInteger lostTotal, java.util.concurrent.ScheduledExecutorService retries) {
            this.lostTotal = lostTotal;
            this.http = http;
            this.balanced = balanced;
            this.token = token;
            this.connected = connected;
            this.refused = refused;
            this.retries = retries;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            connected.incrementAndGet();
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
            LOSS_REASONS.merge(why, 1, Integer::sum);
            if (lost.compareAndSet(false, true)) {
                lostTotal.incrementAndGet();
                connected.decrementAndGet();
                attempt();
            }
        }

        private void attempt() {
            Reconnecting next = new Reconnecting(http, balanced, token, connected, refused, lostTotal, retries);
            http.newWebSocketBuilder().header("Authorization", "Bearer " + token).buildAsync(balanced, next)
                    .whenComplete((socket, error) -> {
                        if (error != null) {
                            refused.incrementAndGet();
                            retries.schedule(this::attempt, 1, TimeUnit.SECONDS);
                        }
                    });
        }
    }

    // ---- stall --------------------------------------------------------------------------------------------------

    private static final java.util.regex.Pattern TIMESTAMP =
            java.util.regex.Pattern.compile("\"timestamp\"\\s*:\\s*\"([^\"]+)\"");

    private static int stall(String[] args) throws Exception {
        String hostPort = args[1];
        String path = args[2];
        int stalledClients = Integer.parseInt(args[3]);
        int normalClients = Integer.parseInt(args[4]);
        long phaseMillis = TimeUnit.SECONDS.toMillis(Long.parseLong(args[5]));
        String metrics = args[6];
        String token = adminToken();
        HttpClient http = HttpClient.newHttpClient();
        ConcurrentLinkedQueue<long[]> deliveries = new ConcurrentLinkedQueue<>(); // {receivedMillis, delayMicros}
        List<WebSocket> normal = new ArrayList<>();
        List<DeliveryTimer> timers = new ArrayList<>();
        for (int i = 0; i < normalClients; i++) {
            DeliveryTimer timer = new DeliveryTimer(deliveries);
            timers.add(timer);
            normal.add(http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create("ws://" + hostPort + path), timer).get(30, TimeUnit.SECONDS));
        }
        double droppedBefore = metricSum(http, metrics, "activity_ws_clients_dropped_total");
        long phaseA = System.currentTimeMillis();
        long heapA = watchHeap(http, metrics, phaseMillis);
        long phaseB = System.currentTimeMillis();
        List<java.net.Socket> stalled = new ArrayList<>();
        for (int i = 0; i < stalledClients; i++) {
            java.net.Socket socket = new java.net.Socket();
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress(hostPort.split(":")[0],
                    Integer.parseInt(hostPort.split(":")[1])), 10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + hostPort
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: " + java.util.Base64.getEncoder().encodeToString(new byte[16])
                    + "\r\nAuthorization: Bearer " + token + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            stalled.add(socket); // never read from
        }
        long heapB = watchHeap(http, metrics, phaseMillis);
        long phaseEnd = System.currentTimeMillis();
        double dropped = metricSum(http, metrics, "activity_ws_clients_dropped_total") - droppedBefore;
        long openNormal = timers.stream().filter(t -> t.ended == null).count();
        Map<String, Long> normalEnds = timers.stream().filter(t -> t.ended != null)
                .collect(java.util.stream.Collectors.groupingBy(t -> t.ended, java.util.stream.Collectors.counting()));
        long[] alone = delays(deliveries, phaseA, phaseB);
        long[] withStalled = delays(deliveries, phaseB, phaseEnd);
        System.out.printf("stall: normal clients alone: %d frames, delivery p50 %.1f ms p99 %.1f ms; heap max %d MB%n",
                alone.length, pct(alone, 50) / 1000.0, pct(alone, 99) / 1000.0, heapA >> 20);
        System.out.printf("stall: with %d stalled clients: %d frames, delivery p50 %.1f ms p99 %.1f ms; heap max %d MB%n",
                stalledClients, withStalled.length, pct(withStalled, 50) / 1000.0, pct(withStalled, 99) / 1000.0,
                heapB >> 20);
        System.out.printf("stall: clients dropped by the instance: %.0f (%d stalled); normal clients still open: %d of %d %s"
                + " (phase with stalled clients began at %d)%n", dropped, stalledClients, openNormal, normalClients,
                normalEnds, phaseB);
        for (java.net.Socket socket : stalled) {
            socket.close();
        }
        for (WebSocket socket : normal) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        return dropped >= stalledClients && openNormal == normalClients && withStalled.length > 0 ? 0 : 1;
    }

    private static long[] delays(ConcurrentLinkedQueue<long[]> deliveries, long from, long to) {
        long[] result = deliveries.stream().filter(d -> d[0] >= from && d[0] < to).mapToLong(d -> d[1]).sorted().toArray();
        return result.length == 0 ? new long[] {0} : result;
    }

    /** Polls the instance's heap once a second for the given time; returns the highest value seen. */
    private static long watchHeap(HttpClient http, String hostPort, long millis) throws Exception {
        long until = System.currentTimeMillis() + millis;
        long max = 0;
        while (System.currentTimeMillis() < until) {
            max = Math.max(max, (long) metricSum(http, hostPort, "jvm_memory_used_bytes{area=\"heap\""));
            Thread.sleep(1000);
        }
        return max;
    }

    private static double metricSum(HttpClient http, String hostPort, String prefix) throws Exception {
        String page = http.send(HttpRequest.newBuilder(URI.create("http://" + hostPort + "/actuator/prometheus"))
                .timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()).body();
        return page.lines().filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** Records, for every broadcast after the first (the connect-time snapshot), receipt minus the frame's time. */
    private static final class DeliveryTimer implements WebSocket.Listener {
        private final ConcurrentLinkedQueue<long[]> deliveries;
        private final StringBuilder partial = new StringBuilder();
        private int messages;
        volatile String ended;

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ended = "close " + statusCode;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            StackTraceElement[] where = error.getStackTrace();
            ended = error.getClass().getSimpleName() + ": " + error.getMessage() + " at " + System.currentTimeMillis()
                    + (where.length > 0 ? " in " + where[0] : "");
        }

        DeliveryTimer(ConcurrentLinkedQueue<long[]> deliveries) {
            this.deliveries = deliveries;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            // The timestamp follows the (large) data array: keep only the tail of the message.
            partial.append(data, Math.max(0, data.length() - 4096), data.length());
            if (partial.length() > 8192) {
                partial.delete(0, partial.length() - 4096);
            }
            if (last) {
                Instant received = Instant.now();
                java.util.regex.Matcher matcher = TIMESTAMP.matcher(partial);
                if (messages++ > 0 && matcher.find()) {
                    deliveries.add(new long[] {received.toEpochMilli(),
                            ChronoUnit.MICROS.between(Instant.parse(matcher.group(1)), received)});
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    private static final class Counter implements WebSocket.Listener {
        final AtomicInteger messages = new AtomicInteger();
        final AtomicLong lastMessageAt = new AtomicLong();
        final AtomicLong closedAt = new AtomicLong();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (last) {
                messages.incrementAndGet();
                lastMessageAt.set(System.currentTimeMillis());
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedAt.set(System.currentTimeMillis());
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closedAt.compareAndSet(0, System.currentTimeMillis());
        }
    }
}
