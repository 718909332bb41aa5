package school.activity.benchmarks.fanout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import school.activity.benchmarks.support.Machine;
import school.activity.benchmarks.support.Percentiles;
import school.activity.benchmarks.support.ProcessStats;
import school.activity.benchmarks.support.Report;

/**
 * Fan-out: the same clients (this process) on the broadcaster, then on a plain Node.js {@code ws} broadcast server
 * that sends the payloads captured from the broadcaster in this run. Per server: connect time, per tick the time
 * from the frame's {@code timestamp} (the tick's frame is built) to each client's receipt of its last byte
 * (p50/p99/max over every client and tick), receipts missing, bytes/s, server CPU seconds per tick, heap and RSS.
 * Run by {@code scripts/bench/fanout.sh}, which starts the broadcaster and its PostgreSQL.
 * <p>
 * Arguments: broadcaster-port broadcaster-members peer-port peer-script clients-per-channel ticks interval-seconds
 * work-dir markdown [title]. Members are {@code pid:metrics-port}, comma-separated (several broadcasters behind a
 * proxy: CPU is their sum, heap and RSS the largest one's); peer-port 0 skips the peer. The admin token is minted
 * from {@code ACTIVITY_JWT_SECRET}. System property {@code bench.warmup-ticks} (default
 * {@value #DEFAULT_WARMUP_TICKS}): ticks each server runs after its clients' first snapshots and before the measured
 * ticks, so that a fresh JVM's JIT compilation (JFR and perf: C2 busy for 10 s after 9000 connections, 63 % of the
 * broadcaster's CPU during the first ticks) is not counted as the cost of a tick.
 */
public final class FanoutBenchmark {

    static final String[] CHANNELS = {"students", "teachers", "parents"};
    private static final int CLIENT_THREADS = 2;
    private static final int HANDSHAKES_IN_FLIGHT = 500;
    private static final Duration CONNECT_LIMIT = Duration.ofSeconds(120);
    private static final Duration AFTER_CLOSE_PAUSE = Duration.ofSeconds(5);
    static final int DEFAULT_WARMUP_TICKS = 3;
    private static final Pattern PEER_HEAP = Pattern.compile("heap=(\\d+)MB");

    private final int clientsPerChannel;
    private final int ticks;
    private final int warmupTicks;
    private final long intervalMicros;

    private FanoutBenchmark(int clientsPerChannel, int ticks, int warmupTicks, int intervalSeconds) {
        this.clientsPerChannel = clientsPerChannel;
        this.ticks = ticks;
        this.warmupTicks = warmupTicks;
        this.intervalMicros = intervalSeconds * 1_000_000L;
    }

    public static void main(String[] args) throws Exception {
        int broadcasterPort = Integer.parseInt(args[0]);
        String broadcasterMembers = args[1];
        int peerPort = Integer.parseInt(args[2]);
        Path peerScript = Path.of(args[3]);
        int clientsPerChannel = Integer.parseInt(args[4]);
        int ticks = Integer.parseInt(args[5]);
        int intervalSeconds = Integer.parseInt(args[6]);
        Path work = Path.of(args[7]);
        Path markdown = Path.of(args[8]);
        String title = args.length > 9 ? args[9] : "broadcaster";
        Machine machine = Machine.now();
        String authorization = "Bearer " + WsPeer.adminToken();
        int warmupTicks = Integer.getInteger("bench.warmup-ticks", DEFAULT_WARMUP_TICKS);
        FanoutBenchmark bench = new FanoutBenchmark(clientsPerChannel, ticks, warmupTicks, intervalSeconds);

        System.out.printf("fan-out: %d clients per channel, %d ticks of %d s after %d warm-up ticks; machine %s%n",
                clientsPerChannel, ticks, intervalSeconds, warmupTicks, machine.describe());
        Result broadcaster = bench.measure(title, broadcasterPort, broadcasterMembers, authorization, work);
        Path payloads = work.resolve("payloads");
        if (broadcaster.captured < CHANNELS.length) {
            System.out.println("no payload captured from every channel: the ws peer is not run");
        }
        Result peer = broadcaster.captured < CHANNELS.length || peerPort == 0 ? null
                : bench.measurePeer(peerPort, peerScript, intervalSeconds, payloads, work);

        boolean fanout = "broadcaster".equals(title);
        Report report = new Report((fanout ? "Fan-out: one server, " : "Scale-out through nginx, ")
                + clientsPerChannel + " clients on each of 3 channels",
                "server", "connected", "connect s", "ticks", "frame KB s/t/p", "p50 ms", "p99 ms", "max ms",
                "receipts missing", "MB/s to clients", "server CPU s/tick", "heap MB max (old gen after GC)", "RSS MB max",
                "query ms (mean)", "load (1/5/15) at start", "closes/errors");
        broadcaster.addTo(report);
        if (peer != null) {
            peer.addTo(report);
        }
        report.publish(markdown, machine, fanout ? "scripts/bench/fanout.sh" : "scripts/bench/scaleout.sh");
        System.out.println("goals: p99 <= 2000 ms for " + 3 * clientsPerChannel + " clients and no slower than the ws"
                + " peer; broadcaster heap <= 512 MB");
        System.exit(0);
    }

    private Result measurePeer(int port, Path script, int intervalSeconds, Path payloads, Path work)
            throws Exception {
        Path log = work.resolve("ws-peer.log");
        try (WsPeer peer = WsPeer.start(script, port, intervalSeconds, payloads, log)) {
            Result result = measure("ws peer (node " + WsPeer.nodeVersion() + ")", port, Long.toString(peer.pid()),
                    null, work);
            Matcher m = PEER_HEAP.matcher(Files.readString(log));
            double heap = -1;
            while (m.find()) {
                heap = Math.max(heap, Double.parseDouble(m.group(1)));
            }
            return result.withHeap(heap);
        }
    }

    private Result measure(String name, int port, String members, String authorization, Path work)
            throws Exception {
        String load = Machine.loadAverage();
        TickRecorder recorder = new TickRecorder();
        Result result = new Result(name, load);
        try (RawWebSocketClients clients = new RawWebSocketClients(CLIENT_THREADS, HANDSHAKES_IN_FLIGHT, recorder);
             ServerProbe probe = new ServerProbe(members)) {
            List<RawWebSocketClients.Client> capturing = new ArrayList<>();
            long connectStart = System.nanoTime();
            long deadline = connectStart + CONNECT_LIMIT.toNanos();
            for (int i = 0; i < clientsPerChannel && System.nanoTime() < deadline; i++) {
                for (int c = 0; c < CHANNELS.length; c++) {
                    RawWebSocketClients.Client client = clients.connect("127.0.0.1", port, "/ws/" + CHANNELS[c],
                            authorization, c, i == 0, deadline);
                    if (i == 0 && client != null) {
                        capturing.add(client);
                    }
                }
            }
            clients.awaitHandshakes(HANDSHAKES_IN_FLIGHT, Math.max(1, (deadline - System.nanoTime()) / 1_000_000_000),
                    TimeUnit.SECONDS);
            result.connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            result.connected = clients.openConnections();
            System.out.printf("%s: %d of %d connected in %.1f s%n", name, result.connected,
                    clientsPerChannel * CHANNELS.length, result.connectSeconds);

            settle(recorder, clients.openConnections());
            Thread.sleep(warmupTicks * intervalMicros / 1000);
            long from = nowMicros();
            double cpuStart = probe.cpuSeconds();
            double sysStart = probe.systemSeconds();
            double clientCpuStart = ProcessStats.cpuSeconds(ProcessHandle.current().pid());
            Thread.sleep(ticks * intervalMicros / 1000);
            double cpuEnd = probe.cpuSeconds();
            double sysEnd = probe.systemSeconds();
            double clientCpu = ProcessStats.cpuSeconds(ProcessHandle.current().pid()) - clientCpuStart;
            long to = from + ticks * intervalMicros;
            // The last tick's deliveries may still run: wait for them, as long as one more interval.
            long graceEnd = System.nanoTime() + intervalMicros * 1000;
            while (System.nanoTime() < graceEnd && !complete(recorder, from, to, clients.openConnections())) {
                Thread.sleep(100);
            }
            result.cpuPerTick = (cpuEnd - cpuStart) / ticks;
            result.sysPerTick = (sysEnd - sysStart) / ticks;
            result.clientCpuPerTick = clientCpu / ticks;
            result.rssMb = probe.maxRssMb();
            result.heapMb = probe.maxHeapMb();
            result.liveMb = probe.maxLiveMb();
            result.queryMs = probe.meanQueryMillis();
            summarise(result, recorder, from, to, name);
            result.captured = capture(capturing, work.resolve("payloads"));
            result.outcomes = clients.outcomes();
        }
        Thread.sleep(AFTER_CLOSE_PAUSE.toMillis());
        return result;
    }

    /**
     * Waits until every client has its connect-time snapshot (at most two intervals), then one more interval, so
     * the refreshes that new connections trigger are over before the measured ticks begin.
     */
    private void settle(TickRecorder recorder, int connected) throws InterruptedException {
        long deadline = System.nanoTime() + 2 * intervalMicros * 1000;
        while (System.nanoTime() < deadline && recorder.receipts() < connected) {
            Thread.sleep(100);
        }
        Thread.sleep(intervalMicros / 1000);
    }

    private boolean complete(TickRecorder recorder, long from, long to, int connected) {
        Map<Integer, List<TickRecorder.Frame>> t = recorder.ticks(from, to, intervalMicros);
        return t.size() >= ticks
                && t.values().stream().allMatch(frames -> missing(frames, perChannel(connected)) == 0);
    }

    /** Clients of each channel that got none of a tick's frames of their channel. */
    private static long missing(List<TickRecorder.Frame> tickFrames, int clientsPerChannel) {
        long missing = 0;
        for (int c = 0; c < CHANNELS.length; c++) {
            int channel = c;
            int received = tickFrames.stream().filter(f -> f.channel == channel)
                    .mapToInt(TickRecorder.Frame::count).sum();
            missing += Math.max(0, clientsPerChannel - received);
        }
        return missing;
    }

    private void summarise(Result result, TickRecorder recorder, long from, long to, String name) {
        Map<Integer, List<TickRecorder.Frame>> byTick = recorder.ticks(from, to, intervalMicros);
        List<TickRecorder.Frame> all = new ArrayList<>();
        long bytes = 0;
        long[] frameBytes = new long[CHANNELS.length];
        System.out.printf("%s, per tick: frames, receipts, tick-start→receipt p50 / p99 / max%n", name);
        for (Map.Entry<Integer, List<TickRecorder.Frame>> tick : byTick.entrySet()) {
            Percentiles p = TickRecorder.latencies(tick.getValue());
            System.out.printf("  tick %d: %d frames, %d receipts, %d / %d / %d ms%n", tick.getKey(),
                    tick.getValue().size(), p.count(), p.at(50) / 1000, p.at(99) / 1000, p.max() / 1000);
            for (TickRecorder.Frame frame : tick.getValue()) {
                all.add(frame);
                bytes += frame.bytes * frame.count();
                frameBytes[frame.channel] = frame.bytes;
            }
        }
        Percentiles p = TickRecorder.latencies(all);
        result.ticks = byTick.size();
        result.warmupTicks = warmupTicks;
        result.p50 = p.at(50) / 1000;
        result.p99 = p.at(99) / 1000;
        result.max = p.max() / 1000;
        // Every client connected to a channel should have received one of the tick's frames of that channel (several
        // broadcasters behind a proxy each build their own frame).
        result.missing = byTick.values().stream()
                .mapToLong(frames -> missing(frames, perChannel(result.connected))).sum();
        for (int c = 0; c < CHANNELS.length; c++) {
            int channel = c;
            Percentiles pc = TickRecorder.latencies(all.stream().filter(f -> f.channel == channel).toList());
            System.out.printf("  %s: %d receipts, p50 / p99 / max %d / %d / %d ms%n", CHANNELS[c], pc.count(),
                    pc.at(50) / 1000, pc.at(99) / 1000, pc.max() / 1000);
        }
        result.mbPerSecond = bytes / 1e6 / (ticks * intervalMicros / 1e6);
        result.frameKb = (frameBytes[0] / 1000) + "/" + (frameBytes[1] / 1000) + "/" + (frameBytes[2] / 1000);
        if (recorder.unparsable() > 0) {
            System.out.println("  messages without a timestamp: " + recorder.unparsable());
        }
    }

    private int perChannel(int connected) {
        return Math.min(clientsPerChannel, connected / CHANNELS.length);
    }

    private static int capture(List<RawWebSocketClients.Client> capturing, Path dir) throws IOException {
        Files.createDirectories(dir);
        int captured = 0;
        for (RawWebSocketClients.Client client : capturing) {
            byte[] message = client.captured();
            if (message != null) {
                Files.write(dir.resolve(CHANNELS[client.channel()] + ".json"), message);
                captured++;
            }
        }
        return captured;
    }

    private static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    /** One server's figures. */
    private static final class Result {
        final String name;
        final String load;
        int connected;
        double connectSeconds;
        int ticks;
        int warmupTicks;
        String frameKb = "-";
        long p50, p99, max, missing;
        double mbPerSecond, cpuPerTick, clientCpuPerTick, heapMb, rssMb;
        double liveMb = -1;
        double sysPerTick;
        double queryMs = -1;
        int captured;
        Map<String, Integer> outcomes = Map.of();

        Result(String name, String load) {
            this.name = name;
            this.load = load;
        }

        Result withHeap(double heap) {
            heapMb = heap;
            return this;
        }

        private String heap() {
            if (heapMb < 0) {
                return "-";
            }
            return String.format("%.0f", heapMb) + (liveMb <= 0 ? "" : String.format(" (%.0f)", liveMb));
        }

        void addTo(Report report) {
            Map<String, Integer> ends = new java.util.TreeMap<>(outcomes);
            ends.remove("closed by the benchmark");
            report.row(name, connected, String.format("%.1f", connectSeconds),
                    warmupTicks == 0 ? ticks : ticks + " (+" + warmupTicks + " warm-up)", frameKb, p50, p99, max, missing,
                    String.format("%.0f", mbPerSecond),
                    String.format("%.2f (kernel %.2f; clients %.2f)", cpuPerTick, sysPerTick, clientCpuPerTick),
                    heap(), String.format("%.0f", rssMb), queryMs < 0 ? "-" : String.format("%.1f", queryMs), load,
                    ends.isEmpty() ? "none" : ends.toString());
        }
    }
}
