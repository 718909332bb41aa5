package school.activity.benchmarks.fanout;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import school.activity.benchmarks.support.Percentiles;
import school.activity.benchmarks.support.Report;

/** One server's figures in one mode: its row of the fan-out table and the checks printed below it. */
final class Measurement {

    static final String[] COLUMNS = {"server", "mode", "connected", "connect s", "ticks", "rounds (complete)",
        "round ms p50/p99/max", "frame spread ms p50/p99/max", "receipt ms p50/p99/max", "receipts missing",
        "wire MB/tick", "message KB s/t/p", "permessage-deflate", "server CPU s/tick", "heap MB max (old gen after GC)",
        "RSS MB max", "query ms (mean)", "load (1/5/15) at start", "closes/errors"};

    final String server;
    final String mode;
    final String load;
    int connected;
    double connectSeconds;
    int ticks;
    int warmupTicks;
    int rounds;
    int completeRounds;
    Percentiles round = new Percentiles(new long[0]);
    Percentiles spread = new Percentiles(new long[0]);
    Percentiles receipt = new Percentiles(new long[0]);
    long missing;
    double wireBytesPerTick;
    double socketBytesPerTick;
    String messageKb = "-";
    String deflate = "not offered";
    double cpuPerTick;
    double sysPerTick;
    double clientCpuPerTick;
    double heapMb = -1;
    double liveMb = -1;
    double rssMb;
    double queryMs = -1;
    Map<String, Integer> outcomes = Map.of();
    Reception.Counts counts;
    int[] referenceComparison = {0, 0};
    List<List<byte[]>> payloads = List.of();

    Measurement(String server, String mode, String load) {
        this.server = server;
        this.mode = mode;
        this.load = load;
    }

    private static String ms(Percentiles p) {
        return p.count() == 0 ? "-" : p.at(50) / 1000 + "/" + p.at(99) / 1000 + "/" + p.max() / 1000;
    }

    private String heap() {
        if (heapMb < 0) {
            return "-";
        }
        return String.format("%.0f", heapMb) + (liveMb <= 0 ? "" : String.format(" (%.0f)", liveMb));
    }

    void addTo(Report report) {
        Map<String, Integer> ends = new TreeMap<>(outcomes);
        ends.remove("closed by the benchmark");
        report.row(server, mode, connected, String.format("%.1f", connectSeconds),
                warmupTicks == 0 ? ticks : ticks + " (+" + warmupTicks + " warm-up)",
                rounds + " (" + completeRounds + ")", ms(round), ms(spread), ms(receipt), missing,
                String.format("%.2f", wireBytesPerTick / 1e6), messageKb, deflate,
                String.format("%.2f (kernel %.2f; clients %.2f)", cpuPerTick, sysPerTick, clientCpuPerTick), heap(),
                String.format("%.0f", rssMb), queryMs < 0 ? "-" : String.format("%.1f", queryMs), load,
                ends.isEmpty() ? "none" : ends.toString());
    }

    /** What the messages were and what their checks found, printed after the table. */
    void printChecks() {
        Reception.Counts c = counts;
        if (c == null) {
            return;
        }
        System.out.printf("%s, %s: messages of the measured rounds %.2f MB/tick on the wire; read from the sockets"
                + " from the window's start to its last receipt %.2f MB/tick%s%n", server, mode,
                wireBytesPerTick / 1e6, socketBytesPerTick / 1e6,
                mode.startsWith("delta") ? " (reference clients included)" : "");
        System.out.printf("  messages %d: compressed %d (%d not inflated: counted for their channel's latest frame by"
                + " arrival), without a readable timestamp %d; of those read, full snapshots %d, deltas %d%n",
                c.messages(), c.compressed(), c.notInflated(), c.unstamped(), c.full(), c.delta());
        System.out.printf("  checked on %d sampled connections: %d messages decoded (%d inflate errors): %d full"
                + " (%d with seq), %d deltas applied, %d invalid%s%n", c.checkedConnections(), c.sampledDecoded(),
                c.inflateErrors(), c.checkedFull(), c.checkedFullWithSeq(), c.checkedDelta(), c.invalid(),
                c.errors().isEmpty() ? "" : " " + c.errors());
    }

    /** Seed against delta mode on the same server, from the same run. */
    static void printDeltaComparison(Measurement seed, Measurement delta) {
        Reception.Counts c = delta.counts;
        if (c.delta() == 0 && c.checkedDelta() == 0) {
            System.out.printf("DELTA MODE NOT SUPPORTED by the server: it sent no %s messages to ?mode=delta clients"
                    + " (%d full snapshots, %d of the checked ones with a seq); the delta row measures seed mode"
                    + " again%n", "<role>_activity_delta", c.full(), c.checkedFullWithSeq());
            return;
        }
        System.out.printf("delta vs seed mode (%s): wire %.2f vs %.2f MB/tick (1/%.1f), server CPU %.2f vs %.2f s/tick"
                + " (%.2fx)%n", seed.server, delta.wireBytesPerTick / 1e6, seed.wireBytesPerTick / 1e6,
                seed.wireBytesPerTick / Math.max(1, delta.wireBytesPerTick), delta.cpuPerTick, seed.cpuPerTick,
                delta.cpuPerTick / Math.max(1e-9, seed.cpuPerTick));
        System.out.printf("  delta pictures equal to the reference full snapshot of the same tick: %d of %d compared%n",
                delta.referenceComparison[0] - delta.referenceComparison[1], delta.referenceComparison[0]);
    }

    /** The server against the ws peer, same mode and run: each ratio is server / peer (below 1: the server less). */
    static void printPeerComparison(Measurement server, Measurement peer) {
        if (server.round.count() == 0 || peer.round.count() == 0) {
            System.out.println("server vs ws peer: no complete round on one side, no comparison");
            return;
        }
        System.out.printf("%s vs ws peer (%s): round p50 %d vs %d ms (%.2fx), max %d vs %d ms (%.2fx);"
                + " server CPU %.2f vs %.2f s/tick (%.2fx); RSS %.0f vs %.0f MB (%.2fx); wire %.2f vs %.2f MB/tick%n", server.server,
                server.mode, server.round.at(50) / 1000, peer.round.at(50) / 1000,
                ratio(server.round.at(50), peer.round.at(50)), server.round.max() / 1000, peer.round.max() / 1000,
                ratio(server.round.max(), peer.round.max()), server.cpuPerTick, peer.cpuPerTick,
                ratio(server.cpuPerTick, peer.cpuPerTick), server.rssMb, peer.rssMb, ratio(server.rssMb, peer.rssMb),
                server.wireBytesPerTick / 1e6, peer.wireBytesPerTick / 1e6);
    }

    private static double ratio(double a, double b) {
        return b <= 0 ? Double.NaN : a / b;
    }
}
