package school.activity.benchmarks.storm;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import school.activity.benchmarks.fanout.RawWebSocketClients;
import school.activity.benchmarks.support.Machine;
import school.activity.benchmarks.support.Report;
import school.activity.shared.token.TokenIssuer;
import school.activity.shared.token.TokenSettings;

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
    private static final Duration LIMIT = Duration.ofSeconds(180);

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
        String authorization = "Bearer " + TokenIssuer.hmac(TokenSettings.hmac(System.getenv("ACTIVITY_JWT_SECRET")))
                .issue(1, "admin", null, Duration.ofHours(1));
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
        Process node = new ProcessBuilder("node", peerScript.toString(), Integer.toString(peerPort), "3600",
                payloads.toString()).redirectErrorStream(true).redirectOutput(work.resolve("storm-peer.log").toFile())
                .start();
        try {
            awaitPort(peerPort);
            storm("ws peer (node)", peerPort, null, perChannel + extra, report);
        } finally {
            node.destroy();
            node.waitFor(10, TimeUnit.SECONDS);
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
            for (int i = 0; i < perChannel; i++) {
                for (int c = 0; c < CHANNELS.length; c++) {
                    clients.connect("127.0.0.1", port, "/ws/" + CHANNELS[c], authorization, c, false);
                }
            }
            boolean answered = clients.awaitHandshakes(HANDSHAKES_IN_FLIGHT, LIMIT.toSeconds(), TimeUnit.SECONDS);
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

    private static void awaitPort(int port) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
