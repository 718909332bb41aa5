package school.activity.benchmarks.fanout;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import school.activity.benchmarks.support.Percentiles;
import school.activity.benchmarks.support.Report;

/** One server's figures in one mode, and its row of the fan-out table. */
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
}
