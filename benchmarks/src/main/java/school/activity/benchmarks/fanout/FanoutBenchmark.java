package school.activity.benchmarks.fanout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import school.activity.benchmarks.support.Machine;
import school.activity.benchmarks.support.Percentiles;
import school.activity.benchmarks.support.ProcessStats;
import school.activity.benchmarks.support.Report;
import school.activity.shared.contract.Role;

/**
 * Fan-out: the same clients (this process) on the broadcaster, then on a plain Node.js {@code ws} broadcast server
 * that sends the payloads captured from the broadcaster in this run, with the same settings. Per server and mode:
 * <ul>
 * <li><b>round</b>: from a tick's start (the earliest {@code timestamp} of the tick's frames: both servers stamp
 * every frame of a tick with the moment the tick began) to the last receipt of the last channel of that tick;
 * p50/p99/max over the measured ticks' rounds that reached all three channels;</li>
 * <li><b>frame spread</b>: from the first to the last client's receipt of one frame (p50/p99/max over frames);</li>
 * <li><b>receipt</b>: frame timestamp to each client's receipt (p50/p99/max over receipts);</li>
 * <li>receipts missing, bytes on the wire per tick (headers and payloads as read from the sockets), message sizes,
 * server CPU seconds per tick, heap and RSS, and what became of the connections.</li>
 * </ul>
 * Modes (system properties): {@code bench.deflate=true}: every client offers permessage-deflate (the peer runs with
 * {@code perMessageDeflate} on); the server may decline, and the row says what it agreed to. {@code bench.delta=true}:
 * the broadcaster is measured a second time with every client in delta mode ({@code ?mode=delta}), so seed and
 * delta mode compare in one run. {@code bench.sample} (default {@value #DEFAULT_SAMPLE}) clients per channel keep,
 * decode and check every message ({@link MessageCheck}); in delta mode one more seed-mode client per channel gives
 * the reference picture the deltas must add up to. {@code bench.churn} (default true): users become active between
 * ticks ({@link ActivityChurn}; needs {@code ACTIVITY_DB_URL/USER/PASSWORD}). {@code bench.warmup-ticks} (default
 * {@value #DEFAULT_WARMUP_TICKS}): ticks each server runs after its clients' first snapshots and before the measured
 * ticks, so that a fresh JVM's JIT compilation is not counted as the cost of a tick.
 * <p>
 * Arguments: broadcaster-port broadcaster-members peer-port peer-script clients-per-channel ticks interval-seconds
 * work-dir markdown [title]. Members are {@code pid:metrics-port}, comma-separated (several broadcasters behind a
 * proxy: CPU is their sum, heap and RSS the largest one's); peer-port 0 skips the peer. The admin token is minted
 * from {@code ACTIVITY_JWT_SECRET}. Run by {@code scripts/bench/fanout.sh} and {@code scripts/bench/scaleout.sh}.
 */
public final class FanoutBenchmark {

    static final String[] CHANNELS = {"students", "teachers", "parents"};
    private static final Role[] ROLES = {Role.STUDENT, Role.TEACHER, Role.PARENT};
    private static final int CLIENT_THREADS = 2;
    private static final int HANDSHAKES_IN_FLIGHT = 500;
    private static final Duration CONNECT_LIMIT = Duration.ofSeconds(120);
    private static final Duration AFTER_CLOSE_PAUSE = Duration.ofSeconds(5);
    private static final Duration CHECK_DRAIN_LIMIT = Duration.ofSeconds(60);
    static final int DEFAULT_WARMUP_TICKS = 3;
    static final int DEFAULT_SAMPLE = 3;
    private static final Pattern PEER_HEAP = Pattern.compile("heap=(\\d+)MB");

    private final int clientsPerChannel;
    private final int ticks;
    private final int warmupTicks;
    private final long intervalMicros;
    private final int sample;
    private final boolean deflate;

    private FanoutBenchmark(int clientsPerChannel, int ticks, int warmupTicks, int intervalSeconds, int sample,
            boolean deflate) {
        this.clientsPerChannel = clientsPerChannel;
        this.ticks = ticks;
        this.warmupTicks = warmupTicks;
        this.intervalMicros = intervalSeconds * 1_000_000L;
        this.sample = sample;
        this.deflate = deflate;
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
        boolean deflate = Boolean.getBoolean("bench.deflate");
        boolean delta = Boolean.getBoolean("bench.delta");
        boolean churn = Boolean.parseBoolean(System.getProperty("bench.churn", "true"));
        Machine machine = Machine.now();
        String authorization = "Bearer " + WsPeer.adminToken();
        FanoutBenchmark bench = new FanoutBenchmark(clientsPerChannel, ticks,
                Integer.getInteger("bench.warmup-ticks", DEFAULT_WARMUP_TICKS), intervalSeconds,
                Integer.getInteger("bench.sample", DEFAULT_SAMPLE), deflate);

        System.out.printf("fan-out: %d clients per channel, %d ticks of %d s after %d warm-up ticks%s%s; machine %s%n",
                clientsPerChannel, ticks, intervalSeconds, bench.warmupTicks, deflate ? ", permessage-deflate offered"
                : "", delta ? ", seed then delta mode" : "", machine.describe());
        List<Measurement> rows = new ArrayList<>();
        try (ActivityChurn activity = churn ? ActivityChurn.startFromEnvironment(Duration.ofSeconds(intervalSeconds))
                : null) {
            System.out.println(activity == null ? "no activity between ticks (bench.churn=false or no ACTIVITY_DB_URL)"
                    : "activity between ticks: " + ActivityChurn.STUDENT_SHARE + "/" + ActivityChurn.TEACHER_SHARE
                    + "/" + ActivityChurn.PARENT_SHARE + " of students/teachers/parents per interval");
            rows.add(bench.measure(title, false, broadcasterPort, broadcasterMembers, authorization));
            if (delta) {
                rows.add(bench.measure(title, true, broadcasterPort, broadcasterMembers, authorization));
            }
            if (activity != null) {
                System.out.println("activity between ticks: " + activity.describe());
            }
        }
        List<List<byte[]>> payloads = rows.get(0).payloads;
        boolean captured = payloads.stream().noneMatch(List::isEmpty);
        if (!captured) {
            System.out.println("no payload captured from every channel: the ws peer is not run");
        } else if (peerPort != 0) {
            rows.add(bench.measurePeer(peerPort, peerScript, intervalSeconds, payloads, work));
        }

        boolean fanout = "broadcaster".equals(title);
        Report report = new Report((fanout ? "Fan-out rounds: one server, " : "Scale-out rounds through nginx, ")
                + clientsPerChannel + " clients on each of 3 channels", Measurement.COLUMNS);
        rows.forEach(row -> row.addTo(report));
        report.publish(markdown, machine, fanout ? "scripts/bench/fanout.sh" : "scripts/bench/scaleout.sh");
        rows.forEach(Measurement::printChecks);
        if (peerPort != 0 && captured) {
            Measurement.printPeerComparison(rows.get(0), rows.get(rows.size() - 1));
        }
        if (delta) {
            Measurement.printDeltaComparison(rows.get(0), rows.get(1));
        }
        System.exit(0);
    }

    private Measurement measurePeer(int port, Path script, int intervalSeconds, List<List<byte[]>> payloads,
            Path work) throws Exception {
        Path dir = work.resolve("payloads");
        writePayloads(payloads, dir);
        Path log = work.resolve("ws-peer.log");
        try (WsPeer peer = WsPeer.start(script, port, intervalSeconds, dir, deflate, log)) {
            Measurement result = measure("ws peer (node " + WsPeer.nodeVersion() + ")", false, port,
                    Long.toString(peer.pid()), null);
            Matcher m = PEER_HEAP.matcher(Files.readString(log));
            while (m.find()) {
                result.heapMb = Math.max(result.heapMb, Double.parseDouble(m.group(1)));
            }
            return result;
        }
    }

    /** The peer's payloads: {@code <channel>-<n>.json}, in the order the broadcaster sent them. */
    private static void writePayloads(List<List<byte[]>> payloads, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (var old = Files.list(dir)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        for (int c = 0; c < CHANNELS.length; c++) {
            List<byte[]> messages = payloads.get(c);
            for (int i = 0; i < messages.size(); i++) {
                Files.write(dir.resolve(String.format("%s-%02d.json", CHANNELS[c], i)), messages.get(i));
            }
        }
    }

    private Measurement measure(String name, boolean delta, int port, String members, String authorization)
            throws Exception {
        String mode = (delta ? "delta" : "seed") + (deflate ? " + deflate offered" : "");
        Measurement result = new Measurement(name, mode, Machine.loadAverage());
        TickRecorder recorder = new TickRecorder(CHANNELS.length);
        try (Reception reception = new Reception(recorder, ROLES);
             RawWebSocketClients clients = new RawWebSocketClients(CLIENT_THREADS, HANDSHAKES_IN_FLIGHT, reception);
             ServerProbe probe = new ServerProbe(members)) {
            long connectStart = System.nanoTime();
            long deadline = connectStart + CONNECT_LIMIT.toNanos();
            int references = 0;
            if (delta) {
                // A seed-mode client per channel: the full picture each delta client's picture must equal.
                for (int c = 0; c < CHANNELS.length; c++) {
                    clients.connect("127.0.0.1", port, "/ws/" + CHANNELS[c], authorization, CHANNELS.length + c,
                            new RawWebSocketClients.Options(true, deflate), deadline);
                    references++;
                }
            }
            for (int i = 0; i < clientsPerChannel && System.nanoTime() < deadline; i++) {
                for (int c = 0; c < CHANNELS.length; c++) {
                    clients.connect("127.0.0.1", port, "/ws/" + CHANNELS[c] + (delta ? "?mode=delta" : ""),
                            authorization, c, new RawWebSocketClients.Options(i < sample, deflate), deadline);
                }
            }
            clients.awaitHandshakes(HANDSHAKES_IN_FLIGHT, Math.max(1, (deadline - System.nanoTime()) / 1_000_000_000),
                    TimeUnit.SECONDS);
            result.connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            result.connected = clients.openConnections() - references;
            System.out.printf("%s, %s: %d of %d connected in %.1f s%n", name, mode, result.connected,
                    clientsPerChannel * CHANNELS.length, result.connectSeconds);

            settle(recorder, result.connected);
            Thread.sleep(warmupTicks * intervalMicros / 1000);
            long from = nowMicros();
            double cpuStart = probe.cpuSeconds();
            double sysStart = probe.systemSeconds();
            double clientCpuStart = ProcessStats.cpuSeconds(ProcessHandle.current().pid());
            long socketStart = clients.bytesRead();
            Thread.sleep(ticks * intervalMicros / 1000);
            double cpuEnd = probe.cpuSeconds();
            double sysEnd = probe.systemSeconds();
            double clientCpu = ProcessStats.cpuSeconds(ProcessHandle.current().pid()) - clientCpuStart;
            long to = from + ticks * intervalMicros;
            // The last tick's deliveries may still run: wait for them, as long as one more interval.
            long graceEnd = System.nanoTime() + intervalMicros * 1000;
            while (System.nanoTime() < graceEnd && !complete(recorder, from, to, result.connected)) {
                Thread.sleep(100);
            }
            result.socketBytesPerTick = (clients.bytesRead() - socketStart) / (double) ticks;
            reception.drain(CHECK_DRAIN_LIMIT.toSeconds(), TimeUnit.SECONDS);
            result.cpuPerTick = (cpuEnd - cpuStart) / ticks;
            result.sysPerTick = (sysEnd - sysStart) / ticks;
            result.clientCpuPerTick = clientCpu / ticks;
            result.rssMb = probe.maxRssMb();
            result.heapMb = probe.maxHeapMb();
            result.liveMb = probe.maxLiveMb();
            result.queryMs = probe.meanQueryMillis();
            result.ticks = ticks;
            result.warmupTicks = warmupTicks;
            summarise(result, recorder.snapshot(), from, to);
            result.counts = reception.counts();
            result.deflate = deflateColumn(clients.deflateAgreed(), clients.openConnections(), result.counts,
                    clients.agreements());
            result.referenceComparison = reception.compareWithReference();
            result.payloads = reception.payloads();
            result.outcomes = clients.outcomes();
        }
        Thread.sleep(AFTER_CLOSE_PAUSE.toMillis());
        return result;
    }

    private String deflateColumn(int agreed, int open, Reception.Counts counts, List<String> agreements) {
        if (!deflate) {
            return "not offered";
        }
        if (agreed == 0) {
            return "declined by the server (plain frames)";
        }
        return agreed + " of " + open + " agreed (" + String.join("; ", agreements) + "); " + counts.compressed()
                + " of " + counts.messages() + " messages compressed";
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

    /** Every measured tick has its rounds and every client its frame of each of them. */
    private boolean complete(TickRecorder recorder, long from, long to, int connected) {
        List<List<Rounds.Round>> byTick = Rounds.byTick(rounds(recorder.snapshot()), from, to, intervalMicros);
        return byTick.stream().noneMatch(List::isEmpty)
                && byTick.stream().allMatch(t -> Rounds.missing(t, CHANNELS.length, perChannel(connected)) == 0);
    }

    private List<Rounds.Round> rounds(TickRecorder.Snapshot snapshot) {
        return Rounds.group(snapshot.frames().stream().map(TickRecorder.Recorded::summary).toList(),
                intervalMicros / 2);
    }

    private void summarise(Measurement result, TickRecorder.Snapshot snapshot, long from, long to) {
        List<List<Rounds.Round>> byTick = Rounds.byTick(rounds(snapshot), from, to, intervalMicros);
        List<Rounds.Round> steady = byTick.stream().flatMap(List::stream).toList();
        List<Rounds.Round> complete = steady.stream().filter(r -> r.hasAll(CHANNELS.length)).toList();
        result.rounds = steady.size();
        result.completeRounds = complete.size();
        result.round = new Percentiles(complete.stream().mapToLong(Rounds.Round::latencyMicros).toArray());
        // The frames of the measured rounds: a frame stamped after the window's end still belongs to its round.
        java.util.Set<Rounds.FrameSummary> measured = steady.stream().flatMap(r -> r.frames().stream())
                .collect(java.util.stream.Collectors.toSet());
        List<TickRecorder.Recorded> frames = snapshot.frames().stream().filter(f -> measured.contains(f.summary()))
                .toList();
        result.spread = new Percentiles(frames.stream().mapToLong(f -> f.summary().spreadMicros()).toArray());
        result.receipt = TickRecorder.latencies(frames);
        result.missing = byTick.stream()
                .mapToLong(t -> Rounds.missing(t, CHANNELS.length, perChannel(result.connected))).sum();
        result.wireBytesPerTick = frames.stream().mapToLong(f -> f.summary().wireBytes()).sum() / (double) ticks;
        StringBuilder kb = new StringBuilder();
        for (int c = 0; c < CHANNELS.length; c++) {
            int channel = c;
            long bytes = frames.stream().filter(f -> f.summary().channel() == channel)
                    .mapToLong(f -> f.summary().wireBytes()).sum();
            long receipts = frames.stream().filter(f -> f.summary().channel() == channel)
                    .mapToLong(f -> f.summary().receipts()).sum();
            kb.append(c == 0 ? "" : "/").append(receipts == 0 ? "-" : String.format("%.1f", bytes / 1e3 / receipts));
        }
        result.messageKb = kb.toString();
        System.out.printf("%s, %s: rounds (start → last receipt of the round, ms; frames):%n", result.server,
                result.mode);
        for (Rounds.Round r : steady) {
            System.out.printf("  round at +%d ms: %d ms, %d frames, %d receipts%s%n", (r.startMicros() - from) / 1000,
                    r.latencyMicros() / 1000, r.frames().size(),
                    r.frames().stream().mapToInt(Rounds.FrameSummary::receipts).sum(),
                    r.hasAll(CHANNELS.length) ? "" : " (not every channel)");
        }
        if (snapshot.unassigned() > 0) {
            System.out.println("  receipts before any known frame of their channel: " + snapshot.unassigned());
        }
    }

    private int perChannel(int connected) {
        return Math.min(clientsPerChannel, connected / CHANNELS.length);
    }

    private static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
