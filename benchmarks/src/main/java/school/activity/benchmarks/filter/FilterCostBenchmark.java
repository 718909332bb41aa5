package school.activity.benchmarks.filter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import school.activity.benchmarks.http.HttpLoad;
import school.activity.benchmarks.support.Machine;
import school.activity.benchmarks.support.Report;
import school.activity.testinfra.TokenIssuer;

/**
 * Filter cost: the tracker's throughput and latency on a trivial endpoint (a path with no upstream: 404 after the
 * filter) with tracking on (a valid token per request, so each is verified and recorded) and off (no token: the
 * filter only looks for the header). Phases alternate off/on after a warm-up, so background load on the machine
 * falls on both alike. Closed loop, keep-alive connections. Run by {@code scripts/bench/filter.sh}.
 * <p>
 * Arguments: tracker-port seconds-per-phase rounds concurrency users markdown.
 */
public final class FilterCostBenchmark {

    private static final String PATH = "/bench/trivial";

    private FilterCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        double seconds = Double.parseDouble(args[1]);
        int rounds = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        int users = Integer.parseInt(args[4]);
        Path markdown = Path.of(args[5]);
        Machine machine = Machine.now();
        TokenIssuer issuer = TokenIssuer.hmac(System.getenv("ACTIVITY_JWT_SECRET"));
        List<byte[]> tracked = new ArrayList<>();
        for (int u = 1; u <= users; u++) {
            tracked.add(HttpLoad.request("GET", PATH, "127.0.0.1", port,
                    issuer.issue(u, "student", null, Duration.ofHours(1))));
        }
        byte[] untracked = HttpLoad.request("GET", PATH, "127.0.0.1", port, null);
        HttpLoad load = new HttpLoad("127.0.0.1", port);

        System.out.printf("filter cost: %d rounds of %.0f s off + on, %d connections, %d users; %s%n", rounds,
                seconds, concurrency, users, machine.describe());
        load.run(concurrency, seconds, 0, n -> n % 2 == 0 ? untracked : tracked.get(n % users));
        List<HttpLoad.Result> off = new ArrayList<>();
        List<HttpLoad.Result> on = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            off.add(load.run(concurrency, seconds, 0, n -> untracked));
            on.add(load.run(concurrency, seconds, 0, n -> tracked.get(n % users)));
            System.out.printf("round %d: off %.0f req/s, on %.0f req/s (load %s)%n", r + 1,
                    off.get(r).perSecond(), on.get(r).perSecond(), Machine.loadAverage());
        }
        double offRate = rate(off);
        double onRate = rate(on);
        Report report = new Report("Filter cost: tracker, GET " + PATH + " (404, no upstream), " + concurrency
                + " keep-alive connections, closed loop", "tracking", "requests", "req/s", "p50 ms", "p99 ms",
                "statuses", "throughput cost", "load (1/5/15) at start");
        report.row("off (no token)", total(off), String.format("%.0f", offRate), ms(off, 50), ms(off, 99),
                off.get(0).statuses(), "-", machine.loadAtStart());
        report.row("on (valid token, recorded)", total(on), String.format("%.0f", onRate), ms(on, 50), ms(on, 99),
                on.get(0).statuses(), String.format("%.1f %%", 100 * (1 - onRate / offRate)), machine.loadAtStart());
        report.publish(markdown, machine, "scripts/bench/filter.sh");
        System.out.println("goal: tracking costs <= 5 % of throughput");
        System.exit(0);
    }

    private static double rate(List<HttpLoad.Result> results) {
        return total(results) / results.stream().mapToDouble(HttpLoad.Result::seconds).sum();
    }

    private static long total(List<HttpLoad.Result> results) {
        return results.stream().mapToLong(HttpLoad.Result::requests).sum();
    }

    private static String ms(List<HttpLoad.Result> results, double percentile) {
        // Percentile of each phase, then the median phase: robust to one phase hit by background load.
        double[] values = results.stream().map(HttpLoad.Result::latencyMicros)
                .mapToDouble(p -> p.at(percentile) / 1000.0).sorted().toArray();
        return String.format("%.2f", values[values.length / 2]);
    }

}
