package school.activity.benchmarks.faults;

import java.net.http.HttpClient;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import school.activity.benchmarks.fanout.RawWebSocketClients;
import school.activity.benchmarks.support.Prometheus;

/**
 * {@code storm <host:port> <handshakes> <limitPerChannel> <holdSeconds> <managementHost:port>}: that many concurrent handshakes spread over
 * the three channels of one instance. Holds when exactly the limit per channel is admitted (each admitted client
 * gets its connect-time snapshot), every other one is refused with 503, no admitted client is dropped, and the
 * instance's own connection gauge matches while they are held and reads zero after they are closed.
 */
final class HandshakeStorm {

    static final String[] CHANNELS = {"students", "teachers", "parents"};
    private static final int THREADS = 2;
    private static final long ANSWER_SECONDS = 180;
    private static final long SETTLE_SECONDS = 60;
    private static final long POLL_MILLIS = 500;
    private static final String REFUSED = "http 503";

    private HandshakeStorm() {
    }

    static int run(String[] args) throws Exception {
        WsTarget target = WsTarget.of(args[0], "/");
        int handshakes = Integer.parseInt(args[1]);
        int limit = Integer.parseInt(args[2]);
        long holdSeconds = Long.parseLong(args[3]);
        String authorization = "Bearer " + ClusterAccess.adminToken();
        Prometheus metrics = new Prometheus(HttpClient.newHttpClient(), args[4]);
        Set<RawWebSocketClients.Client> served = ConcurrentHashMap.newKeySet();
        int[] admitted = new int[CHANNELS.length];
        Map<String, Integer> endingsWhileHeld;
        int open;
        String held;
        try (RawWebSocketClients pool = new RawWebSocketClients(THREADS, handshakes,
                (client, micros, bytes, tail, n) -> served.add(client))) {
            long started = System.nanoTime();
            long answerBy = started + TimeUnit.SECONDS.toNanos(ANSWER_SECONDS);
            for (int i = 0; i < handshakes; i++) {
                int channel = i % CHANNELS.length;
                pool.connect(target.host(), target.port(), "/ws/" + CHANNELS[channel], authorization, channel, false,
                        answerBy);
            }
            boolean answered = pool.awaitHandshakes(handshakes, ANSWER_SECONDS, TimeUnit.SECONDS);
            System.out.printf("storm: %d handshakes %s in %.1f s%n", handshakes, answered ? "answered" : "NOT all answered",
                    (System.nanoTime() - started) / 1e9);
            Thread.sleep(TimeUnit.SECONDS.toMillis(holdSeconds));
            open = pool.openConnections();
            endingsWhileHeld = pool.outcomes();
            served.forEach(client -> admitted[client.channel()]++);
            held = connectionGauges(metrics);
        }
        int refused = endingsWhileHeld.getOrDefault(REFUSED, 0);
        int droppedAdmitted = endingsWhileHeld.entrySet().stream().filter(e -> !e.getKey().startsWith("http "))
                .mapToInt(Map.Entry::getValue).sum();
        System.out.printf("storm: admitted (got their snapshot) students %d teachers %d parents %d, %d open; refused "
                + "with 503 %d; endings while held %s%n", admitted[0], admitted[1], admitted[2], open, refused,
                new TreeMap<>(endingsWhileHeld));
        System.out.println("storm: connection gauges while held: " + held);
        String closed = "students=0 teachers=0 parents=0";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
        String after = connectionGauges(metrics);
        while (!after.equals(closed) && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            after = connectionGauges(metrics);
        }
        System.out.println("storm: connection gauges after closing: " + after);
        int total = admitted[0] + admitted[1] + admitted[2];
        boolean exact = droppedAdmitted == 0 && open == total && refused == handshakes - total
                && held.equals("students=" + admitted[0] + " teachers=" + admitted[1] + " parents=" + admitted[2])
                && after.equals(closed);
        for (int c = 0; c < CHANNELS.length; c++) {
            int attempted = handshakes / CHANNELS.length + (c < handshakes % CHANNELS.length ? 1 : 0);
            exact &= admitted[c] == Math.min(limit, attempted);
        }
        return FaultTool.held(exact);
    }

    /** The instance's own {@code activity_ws_connections} gauge per channel. */
    private static String connectionGauges(Prometheus metrics) throws Exception {
        String page = metrics.page();
        StringBuilder result = new StringBuilder();
        for (String channel : CHANNELS) {
            long value = (long) page.lines()
                    .filter(l -> l.startsWith("activity_ws_connections{") && l.contains("\"" + channel + "\""))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
            result.append(result.isEmpty() ? "" : " ").append(channel).append('=').append(value);
        }
        return result.toString();
    }
}
