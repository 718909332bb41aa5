package school.activity.tracker.gateway;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import school.activity.testinfra.TokenIssuer;
import school.activity.testinfra.SharedKafka;
import school.activity.testinfra.SharedPostgres;
import school.activity.tracker.TrackerApplication;

/**
 * Load through the gateway next to the same load straight to the upstream, in one run (no JUnit; started by
 * {@code scripts/bench/gateway.sh}). Everything runs on 127.0.0.1 in this JVM: a JDK HTTP upstream, the tracker
 * (embedded PostgreSQL and Kafka from test-infrastructure), and a closed-loop load generator (N workers, each sending
 * its next request when the previous answer is in), every request carrying a valid Bearer token so tracking runs.
 * Each target is warmed up for one phase, then measured for one. Besides requests/s and latency it prints the JVM's CPU
 * time per request and the TCP connections the upstream accepted while measuring: with everything on the same cores,
 * CPU per request is what sets the throughput, and a gateway that stopped reusing connections would show up there.
 *
 * <p>Arguments: {@code [seconds per phase] [concurrency] [users]}, defaults 15, 32, 200.
 */
public final class GatewayBenchmark {

    private static final String SECRET = "gateway-benchmark-secret-0123456789-abcdef";
    private static final String PATH = "/api/timetable?week=12&class=7b";
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int users = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Duration phase = Duration.ofSeconds(seconds);

        TestUpstream upstream = new TestUpstream();
        ConfigurableApplicationContext tracker = startTracker(upstream.url());
        try {
            int port = ((WebServerApplicationContext) tracker).getWebServer().getPort();
            List<String> tokens = tokens(users);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI direct = URI.create(upstream.url() + PATH);
            URI gateway = URI.create("http://127.0.0.1:" + port + PATH);

            // Each target warms up as long as it is measured: the gateway runs far more code than the bare upstream,
            // and a short warm-up would measure it while the JIT compiler still competes for the same cores.
            run(client, direct, tokens, concurrency, phase, upstream);
            run(client, gateway, tokens, concurrency, phase, upstream);
            Result straight = run(client, direct, tokens, concurrency, phase, upstream);
            Result through = run(client, gateway, tokens, concurrency, phase, upstream);

            System.out.printf(Locale.ROOT, "%nGET %s, %d concurrent clients, %d s per phase, %d users (Bearer JWT)%n",
                    PATH, concurrency, seconds, users);
            System.out.printf(Locale.ROOT, "%-22s %10s %10s %10s %10s %8s %12s %10s %10s%n", "target", "requests",
                    "req/s", "p50 ms", "p99 ms", "errors", "cpu us/req", "new conns", "load avg");
            print("upstream (direct)", straight);
            print("tracker gateway", through);
            System.out.printf(Locale.ROOT, "gateway overhead: p50 +%.2f ms, p99 +%.2f ms, throughput %.0f%% of direct, "
                    + "CPU +%.0f us per request%n", through.p50() - straight.p50(), through.p99() - straight.p99(),
                    100.0 * through.rate() / straight.rate(), through.cpuMicrosPerRequest() - straight.cpuMicrosPerRequest());
            // Load generator, upstream and tracker share this JVM and the host's cores: once the cores are busy,
            // requests/s is set by the CPU each request costs (last column but two), not by waiting.
            System.out.println("cpu us/req: CPU time of this whole JVM (load generator + upstream + tracker) per request;"
                    + " new conns: TCP connections the upstream accepted during the phase; load avg: host, at the end");
        } finally {
            tracker.close();
            upstream.close();
        }
        System.exit(0);
    }

    private static ConfigurableApplicationContext startTracker(String upstreamUrl) {
        SharedPostgres postgres = SharedPostgres.get();
        String database = postgres.createDatabase();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.datasource.url=" + database,
                "--spring.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                "--activity.jwt.secret=" + SECRET,
                "--activity.tracker.upstream-url=" + upstreamUrl,
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN"));
        if (postgres.user() != null) {
            args.add("--spring.datasource.username=" + postgres.user());
            args.add("--spring.datasource.password=" + postgres.password());
        }
        return SpringApplication.run(TrackerApplication.class, args.toArray(String[]::new));
    }

    private static List<String> tokens(int users) {
        TokenIssuer issuer = TokenIssuer.hmac(SECRET);
        List<String> tokens = new ArrayList<>(users);
        for (int user = 1; user <= users; user++) {
            tokens.add("Bearer " + issuer.issue(user, "student", null, Duration.ofHours(1)));
        }
        return tokens;
    }

    private static Result run(HttpClient client, URI target, List<String> tokens, int concurrency, Duration duration,
            TestUpstream upstream) throws Exception {
        int connectionsBefore = upstream.connectionCount();
        long cpuBefore = PROCESS.getProcessCpuTime();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong errors = new AtomicLong();
        List<Future<long[]>> latencies = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            latencies.add(workers.submit(() -> {
                long[] samples = new long[1 << 16];
                int count = 0;
                for (int i = worker; System.nanoTime() < end; i += concurrency) {
                    HttpRequest request = HttpRequest.newBuilder(target)
                            .header("Authorization", tokens.get(i % tokens.size()))
                            .build();
                    long start = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (java.io.IOException e) {
                        errors.incrementAndGet();
                    }
                    if (count == samples.length) {
                        samples = Arrays.copyOf(samples, samples.length * 2);
                    }
                    samples[count++] = System.nanoTime() - start;
                }
                return Arrays.copyOf(samples, count);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> future : latencies) {
            all.add(future.get());
        }
        workers.shutdown();
        long cpu = PROCESS.getProcessCpuTime() - cpuBefore;
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(merged.length, merged.length / (double) duration.toSeconds(),
                percentile(merged, 0.50), percentile(merged, 0.99), errors.get(),
                merged.length == 0 ? Double.NaN : cpu / 1_000.0 / merged.length,
                upstream.connectionCount() - connectionsBefore, PROCESS.getSystemLoadAverage());
    }

    private static double percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }

    private static void print(String name, Result result) {
        System.out.printf(Locale.ROOT, "%-22s %10d %10.0f %10.2f %10.2f %8d %12.0f %10d %10.2f%n", name,
                result.requests(), result.rate(), result.p50(), result.p99(), result.errors(),
                result.cpuMicrosPerRequest(), result.newConnections(), result.loadAverage());
    }

    private record Result(long requests, double rate, double p50, double p99, long errors, double cpuMicrosPerRequest,
            int newConnections, double loadAverage) {
    }
}
