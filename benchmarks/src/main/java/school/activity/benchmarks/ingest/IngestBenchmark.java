package school.activity.benchmarks.ingest;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import school.activity.benchmarks.http.HttpLoad;
import school.activity.benchmarks.support.Machine;
import school.activity.benchmarks.support.Report;
import school.activity.testinfra.TokenIssuer;

/**
 * Ingest: the same events for {@code users} distinct users ({@code rounds} per user, user by user in turn) applied
 * to PostgreSQL, in one run:
 * <ol>
 * <li>The tracker's batch consumer: the events are put on the topic while the tracker is stopped, then it starts and
 * drains them; timed by its own counters ({@link ConsumerProgress}) from before its first write to after its last.
 * Events consumed per second and rows written per second are reported apart.</li>
 * <li>PostgreSQL's ceiling for that statement: pgbench running the consumer's set upsert with the batch size the
 * consumer had and as many connections as it has threads ({@link PgbenchAnchor}).</li>
 * <li>One upsert per event, as the original per-request code did: the same events in the same order, from
 * {@code baselineThreads} connections, for at most {@code baselineSeconds} ({@link PerEventBaseline}).</li>
 * <li>Request-to-row lag: the tracker's heartbeat at a fixed request rate, each user every few seconds with its own
 * token; each row's {@code updated_at - last_active} is the time from the user's last request (the filter's clock)
 * to its upsert (the database's, same host).</li>
 * </ol>
 * Run by {@code scripts/bench/ingest.sh}, which passes the cluster script to stop and start the tracker.
 * <p>
 * Arguments: cluster-script users rounds baseline-threads baseline-seconds lag-rate lag-seconds pgbench-seconds
 * markdown. Database and Kafka addresses from the cluster's {@code ACTIVITY_*} variables.
 */
public final class IngestBenchmark {

    private static final String TOPIC = "user-activity";
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(300);
    /** The tracker's default {@code activity.tracker.consumer.concurrency}, when the run does not set it. */
    private static final String DEFAULT_CONSUMER_THREADS = "3";
    /** How often one simulated user sends a heartbeat in the lag phase. */
    private static final Duration HEARTBEAT_PERIOD = Duration.ofSeconds(5);
    /** Heartbeats at the lag phase's rate before it is measured, and the pause after them (the pipeline drains). */
    private static final Duration LAG_WARMUP = Duration.ofSeconds(20);
    private static final Duration AFTER_WARMUP = Duration.ofSeconds(5);
    private static final int LOAD_CONNECTIONS = 64;

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String cluster = args[0];
        int users = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        int baselineThreads = Integer.parseInt(args[3]);
        int baselineSeconds = Integer.parseInt(args[4]);
        int lagRate = Integer.parseInt(args[5]);
        int lagSeconds = Integer.parseInt(args[6]);
        int pgbenchSeconds = Integer.parseInt(args[7]);
        Path markdown = Path.of(args[8]);
        Machine machine = Machine.now();
        System.out.printf("ingest: %d users x %d rounds; machine %s%n", users, rounds, machine.describe());
        // The consumer's counters are on the tracker's management port (its actuator), not the one requests use.
        String trackerMetrics = "127.0.0.1:" + (Integer.parseInt(System.getenv("CLUSTER_TRACKER_PORT"))
                + Integer.parseInt(System.getenv("CLUSTER_MANAGEMENT_PORT_OFFSET")));
        int consumerThreads = Integer.parseInt(Objects.requireNonNullElse(
                System.getenv("ACTIVITY_TRACKER_CONSUMER_CONCURRENCY"), DEFAULT_CONSUMER_THREADS));

        // (1) batch consumer
        run(cluster, "stop", "tracker");
        ProducedEvents events = ProducedEvents.produce(TOPIC, users, rounds);
        String batchLoad = Machine.loadAverage();
        run(cluster, "start", "tracker");
        ConsumerProgress.Drain drain = new ConsumerProgress(trackerMetrics).await(events.count(), DRAIN_LIMIT);
        System.out.printf("batch consumer: %d events consumed, %d rows written in %.2f s (%d batches, mean %d events;"
                        + " %.2f s inside the upsert statements over %d threads; second half %.0f events/s)%n",
                drain.consumed(), drain.rowsWritten(), drain.seconds(), drain.batches(), drain.meanBatch(),
                drain.upsertSeconds(), consumerThreads, drain.secondHalfEventsPerSecond());

        // (2) PostgreSQL's ceiling for the consumer's statement, batch size and concurrency
        String anchorLoad = Machine.loadAverage();
        int batch = (int) Math.max(1, drain.meanBatch());
        PgbenchAnchor.Result anchor = PgbenchAnchor.run(users, batch, consumerThreads, pgbenchSeconds,
                Path.of(System.getenv().getOrDefault("BENCH_WORK", System.getProperty("java.io.tmpdir"))));
        System.out.printf("pgbench: %.1f batches/s of %d rows, %d connections, latency %.1f ms: %.0f rows/s%n",
                anchor.batchesPerSecond(), batch, consumerThreads, anchor.latencyMillis(), anchor.rowsPerSecond());

        // (3) one upsert per event: the same events in the same order
        String baselineLoad = Machine.loadAverage();
        PerEventBaseline.Result baseline = PerEventBaseline.run(events, baselineThreads, baselineSeconds);

        // (4) request-to-row lag at a fixed request rate
        String lagLoad = Machine.loadAverage();
        double[] lag = lag(users, lagRate, lagSeconds);

        Report report = new Report("Ingest: batch consumer, one upsert per event, PostgreSQL's ceiling",
                "path", "users x rounds", "events", "events/s consumed", "rows/s written", "vs per-event",
                "vs pgbench", "lag p50 ms", "lag p99 ms", "notes", "load (1/5/15) at start");
        String scale = users + " x " + rounds;
        report.row("batch consumer (tracker, " + consumerThreads + " threads)", scale, drain.consumed(),
                String.format("%.0f", drain.eventsPerSecond()), String.format("%.0f", drain.rowsPerSecond()),
                String.format("%.1fx", drain.eventsPerSecond() / baseline.eventsPerSecond()),
                String.format("%.0f %%", 100 * drain.rowsPerSecond() / anchor.rowsPerSecond()), "-", "-",
                String.format("%.2f s first to last write (consumer counters, 50 ms samples); %d batches of %d"
                        + " events on average; %.2f s in upserts; second half of the drain %.0f events/s (%.0f %% of"
                        + " pgbench)", drain.seconds(), drain.batches(), drain.meanBatch(), drain.upsertSeconds(),
                        drain.secondHalfEventsPerSecond(),
                        100 * drain.secondHalfEventsPerSecond() / anchor.rowsPerSecond()), batchLoad);
        report.row("pgbench: the consumer's upsert, " + batch + "-row batches, " + consumerThreads + " connections",
                scale, "-", "-", String.format("%.0f", anchor.rowsPerSecond()), "-", "100 %", "-", "-",
                String.format("%.1f batches/s, latency %.1f ms, %d s", anchor.batchesPerSecond(),
                        anchor.latencyMillis(), pgbenchSeconds), anchorLoad);
        report.row("one upsert per event (" + baselineThreads + " connections)", scale, baseline.applied(),
                String.format("%.0f", baseline.eventsPerSecond()), String.format("%.0f", baseline.eventsPerSecond()),
                "1x", String.format("%.0f %%", 100 * baseline.eventsPerSecond() / anchor.rowsPerSecond()), "-", "-",
                String.format("the consumer's events in their order; stopped after %d s", baselineSeconds),
                baselineLoad);
        report.row("heartbeat at " + lagRate + " req/s, request to row", "-", String.format("%.0f", lag[2]),
                String.format("%.0f", lag[3]), "-", "-", "-", String.format("%.0f", lag[0]),
                String.format("%.0f", lag[1]), String.format("%d s after %d s of warm-up; %.0f rows; publisher flush 1"
                        + " s; each user every %d s, same token", lagSeconds, LAG_WARMUP.toSeconds(), lag[4],
                        HEARTBEAT_PERIOD.toSeconds()), lagLoad);
        report.publish(markdown, machine, "scripts/bench/ingest.sh");
        System.exit(0);
    }

    /** {p50 ms, p99 ms, requests, requests/s, rows}. */
    private static double[] lag(int users, int rate, int seconds) throws Exception {
        TokenIssuer issuer = TokenIssuer.hmac(System.getenv("ACTIVITY_JWT_SECRET"));
        // Each user sends a heartbeat every HEARTBEAT_PERIOD with the same token, as a real client does: a stream of
        // never-seen tokens would measure JWT verification (every request a cache miss), not the pipeline's lag.
        int distinct = (int) Math.max(1, Math.min(users, rate * HEARTBEAT_PERIOD.toSeconds()));
        String host = "127.0.0.1";
        int port = Integer.parseInt(System.getenv("CLUSTER_TRACKER_PORT"));
        List<byte[]> requests = new ArrayList<>(distinct);
        for (int u = 1; u <= distinct; u++) {
            requests.add(HttpLoad.request("POST", "/activity/heartbeat", host, port,
                    issuer.issue(u, "student", ProducedEvents.phone(u), Duration.ofHours(1))));
        }
        HttpLoad load = new HttpLoad(host, port);
        // The tracker was started for the batch phase: its request path is still interpreted and the JIT compiler
        // competes with it for the cores. A long-running tracker is warm, so the lag is measured after a warm-up.
        HttpLoad.Result warm = load.run(LOAD_CONNECTIONS, (int) LAG_WARMUP.toSeconds(), rate,
                n -> requests.get(n % distinct));
        System.out.printf("warm-up heartbeats (not counted): %d in %.1f s, request p99 %.1f ms%n", warm.requests(),
                warm.seconds(), warm.latencyMicros().at(99) / 1000.0);
        Thread.sleep(AFTER_WARMUP.toMillis());
        Instant from = Instant.now();
        HttpLoad.Result result = load.run(LOAD_CONNECTIONS, seconds, rate, n -> requests.get(n % distinct));
        System.out.printf("heartbeats: %d in %.1f s, statuses %s, errors %d, request p99 %.1f ms%n",
                result.requests(), result.seconds(), result.statuses(), result.errors(),
                result.latencyMicros().at(99) / 1000.0);
        Thread.sleep(5000);
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement("""
                SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY lag), percentile_cont(0.99) WITHIN GROUP (ORDER BY lag),
                       count(*)
                FROM (SELECT extract(epoch FROM updated_at - last_active) * 1000 AS lag FROM user_activity
                      WHERE last_active >= ?) l
                """)) {
            q.setTimestamp(1, utc(from));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return new double[] {rs.getDouble(1), rs.getDouble(2), result.requests(), result.perSecond(),
                        rs.getLong(3)};
            }
        }
    }

    static Timestamp utc(Instant instant) {
        return Timestamp.valueOf(instant.atOffset(ZoneOffset.UTC).toLocalDateTime());
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(System.getenv("ACTIVITY_DB_URL"), System.getenv("ACTIVITY_DB_USER"),
                System.getenv("ACTIVITY_DB_PASSWORD"));
    }

    private static void run(String cluster, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(cluster));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }
}
