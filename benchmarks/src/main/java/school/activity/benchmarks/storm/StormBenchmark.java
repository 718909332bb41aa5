package school.activity.benchmarks.storm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import school.activity.benchmarks.fanout.RawWebSocketClients;
import school.activity.benchmarks.fanout.WsPeer;
import school.activity.benchmarks.support.Machine;
import school.activity.benchmarks.support.Report;

/**
 * Connection storm: every client at once (up to a window of handshakes in flight), more than the broadcaster's
 * limit on each channel: the time until every handshake has been answered, how many were admitted and how many
 * refused (503). The same storm on the Node.js {@code ws} peer (which has no limit and checks no token) in the same
 * run. Admitted clients get the broadcaster's connect-time snapshot meanwhile, as after a real restart.
 * Run by {@code scripts/bench/storm.sh}.
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
        String authorization = "Bearer " + WsPeer.adminToken();
        Report report = new Report("Connection storm: " + (perChannel + extra) + " clients at once on each of 3"
                + " channels (limit " + perChannel + " per channel)", "server", "attempted", "admitted",
                "refused 503", "other failures", "all answered in s", "admitted/s", "load (1/5/15) at start");
        storm("broadcaster", broadcasterPort, authorization, perChannel + extra, report);
        Thread.sleep(5000);

        Path payloads = work.resolve("storm-payloads");
        Files.createDirectories(payloads);
        for (String channel : CHANNELS) {
            Files.writeString(payloads.resolve(channel + ".json"),
                    "{\"type\":\"x\",\"data\":[],\"timestamp\":\"2025-01-01T00:00:00.000000Z\",\"total_users\":0}");
        }
        try (WsPeer peer = WsPeer.start(peerScript, peerPort, 3600, payloads, work.resolve("storm-peer.log"))) {
            storm("ws peer (node)", peerPort, null, perChannel + extra, report);
        }
        report.publish(markdown, machine, "scripts/bench/storm.sh");
        System.exit(0);
    }

    private static void storm(String name, int port, String authorization, int perChannel, Report report)
            throws Exception {
        String load = Machine.loadAverage();
        try (RawWebSocketClients clients = new RawWebSocketClients(CLIENT_THREADS, HANDSHAKES_IN_FLIGHT,
                (client, micros, bytes, tail, length) -> { })) {
            long start = System.nanoTime();
            long deadline = start + LIMIT.toNanos();
            for (int i = 0; i < perChannel; i++) {
                for (int c = 0; c < CHANNELS.length; c++) {
                    clients.connect("127.0.0.1", port, "/ws/" + CHANNELS[c], authorization, c, false, deadline);
                }
            }
            boolean answered = clients.awaitHandshakes(HANDSHAKES_IN_FLIGHT,
                    Math.max(1, (deadline - System.nanoTime()) / 1_000_000_000), TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            int admitted = clients.openConnections();
            Map<String, Integer> outcomes = new TreeMap<>(clients.outcomes());
            int refused = outcomes.getOrDefault("http 503", 0);
            outcomes.remove("http 503");
            int attempted = perChannel * CHANNELS.length;
            System.out.printf("%s: %d admitted, %d refused, other %s, in %.1f s%s%n", name, admitted, refused,
                    outcomes, seconds, answered ? "" : " (not all answered within the limit)");
            report.row(name, attempted, admitted, refused, outcomes.isEmpty() ? "0" : outcomes.toString(),
                    String.format("%.1f%s", seconds, answered ? "" : " (limit)"),
                    String.format("%.0f", admitted / seconds), load);
        }
    }
}
