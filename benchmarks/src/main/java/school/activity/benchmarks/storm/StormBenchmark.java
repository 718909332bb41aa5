package school.activity.benchmarks.storm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import school.activity.benchmarks.fanout.RawWebSocketClients;
import school.activity.benchmarks.fanout.WsPeer;
import school.activity.benchmarks.support.Machine;
import school.activity.benchmarks.support.Report;

/**
 * Connection storm: every client at once (up to a window of handshakes in flight), more than the broadcaster's
 * limit on each channel: the time until every handshake has been answered, how many were admitted and how many
 * refused (503), and the time until every admitted client has its connect-time snapshot. The same storm on the
 * Node.js {@code ws} peer (which has no limit and checks no token) in the same run, sending each admitted client the
 * same connect-time snapshot the broadcaster sent in this run (captured by one client per channel).
 * Run by {@code scripts/bench/storm.sh}.
 * <p>
 * With {@code bench.deflate=true} every client offers permessage-deflate and the peer runs with its
 * {@code perMessageDeflate} on.
 * <p>
 * Arguments: broadcaster-port peer-port peer-script clients-per-channel extra-per-channel work-dir markdown.
 */
public final class StormBenchmark {

    private static final String[] CHANNELS = {"students", "teachers", "parents"};
    private static final int CLIENT_THREADS = 2;
    private static final int HANDSHAKES_IN_FLIGHT = 1000;
    private static final java.time.Duration LIMIT = java.time.Duration.ofSeconds(180);

    private StormBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int broadcasterPort = Integer.parseInt(args[0]);
        int peerPort = Integer.parseInt(args[1]);
        Path peerScript = Path.of(args[2]);
        int perChannel = Integer.parseInt(args[3]);
        int extra = Integer.parseInt(args[4]);
        Path work = Path.of(args[5]);
        Path markdown = Path.of(args[6]);
        Machine machine = Machine.now();
        boolean deflate = Boolean.getBoolean("bench.deflate");
        String authorization = "Bearer " + WsPeer.adminToken();
        Report report = new Report("Connection storm with connect-time snapshots: " + (perChannel + extra)
                + " clients at once on each of 3"
                + " channels (limit " + perChannel + " per channel)", "server", "permessage-deflate", "attempted",
                "admitted",
                "refused 503", "other failures", "all answered in s", "admitted/s", "snapshot KB s/t/p",
                "all snapshots received in s", "load (1/5/15) at start");
        byte[][] snapshots = storm("broadcaster", broadcasterPort, authorization, perChannel + extra, deflate, report);
        Thread.sleep(5000);

        Path payloads = work.resolve("storm-payloads");
        Files.createDirectories(payloads);
        try (var old = Files.list(payloads)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        for (int c = 0; c < CHANNELS.length; c++) {
            if (snapshots[c] == null) {
                System.out.println("no connect-time snapshot captured on " + CHANNELS[c] + ": the ws peer is not run");
                report.publish(markdown, machine, "scripts/bench/storm.sh");
                System.exit(1);
            }
            Files.write(payloads.resolve(CHANNELS[c] + ".json"), snapshots[c]);
        }
        try (WsPeer peer = WsPeer.start(peerScript, peerPort, 3600, payloads, deflate,
                work.resolve("storm-peer.log"))) {
            storm("ws peer (node)", peerPort, null, perChannel + extra, deflate, report);
        }
        report.publish(markdown, machine, "scripts/bench/storm.sh");
        System.exit(0);
    }

    /** Runs one storm and adds its row; returns the connect-time snapshot captured on each channel. */
    private static byte[][] storm(String name, int port, String authorization, int perChannel, boolean deflate,
            Report report) throws Exception {
        String load = Machine.loadAverage();
        Set<RawWebSocketClients.Client> served = ConcurrentHashMap.newKeySet();
        AtomicLong lastFirstMessage = new AtomicLong();
        RawWebSocketClients.MessageListener firstMessages = (client, micros, bytes, tail, length) -> {
            if (served.add(client)) {
                lastFirstMessage.accumulateAndGet(System.nanoTime(), Math::max);
            }
        };
        try (RawWebSocketClients clients = new RawWebSocketClients(CLIENT_THREADS, HANDSHAKES_IN_FLIGHT,
                firstMessages)) {
            long start = System.nanoTime();
            long deadline = start + LIMIT.toNanos();
            RawWebSocketClients.Client[] capturing = new RawWebSocketClients.Client[CHANNELS.length];
            for (int i = 0; i < perChannel; i++) {
                for (int c = 0; c < CHANNELS.length; c++) {
                    RawWebSocketClients.Client client = clients.connect("127.0.0.1", port, "/ws/" + CHANNELS[c],
                            authorization, c, new RawWebSocketClients.Options(i == 0, deflate), deadline);
                    if (i == 0) {
                        capturing[c] = client;
                    }
                }
            }
            boolean answered = clients.awaitHandshakes(HANDSHAKES_IN_FLIGHT,
                    Math.max(1, (deadline - System.nanoTime()) / 1_000_000_000), TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            int admitted = clients.openConnections();
            while (served.size() < admitted && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            boolean allServed = served.size() >= admitted;
            double servedSeconds = (lastFirstMessage.get() - start) / 1e9;
            Map<String, Integer> outcomes = new TreeMap<>(clients.outcomes());
            int refused = outcomes.getOrDefault("http 503", 0);
            outcomes.remove("http 503");
            int attempted = perChannel * CHANNELS.length;
            byte[][] snapshots = new byte[CHANNELS.length][];
            StringBuilder kb = new StringBuilder();
            for (int c = 0; c < CHANNELS.length; c++) {
                snapshots[c] = capturing[c] == null ? null : capturing[c].captured();
                kb.append(c == 0 ? "" : "/").append(snapshots[c] == null ? "-" : snapshots[c].length / 1000);
            }
            System.out.printf("%s: %d admitted, %d refused, other %s, in %.1f s; %d snapshots received, the last at"
                    + " %.1f s%s%n", name, admitted, refused, outcomes, seconds, served.size(), servedSeconds,
                    answered ? "" : " (not all answered within the limit)");
            report.row(name, deflate ? clients.deflateAgreed() + " of " + admitted + " agreed" : "not offered",
                    attempted, admitted, refused, outcomes.isEmpty() ? "0" : outcomes.toString(),
                    String.format("%.1f%s", seconds, answered ? "" : " (limit)"),
                    String.format("%.0f", admitted / seconds), kb,
                    String.format("%.1f%s", servedSeconds, allServed ? "" : " (" + served.size() + " served)"), load);
            return snapshots;
        }
    }
}
