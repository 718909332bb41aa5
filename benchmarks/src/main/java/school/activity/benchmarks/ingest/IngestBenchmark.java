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
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import school.activity.benchmarks.http.HttpLoad;
import school.activity.benchmarks.support.Machine;
import school.activity.benchmarks.support.Report;
import school.activity.shared.contract.ActivityEvent;
import school.activity.shared.contract.ActivityEventCodec;
import school.activity.testinfra.TokenIssuer;

/**
 * Ingest: the same events for {@code users} distinct users ({@code rounds} per user, user by user in turn) applied
 * to PostgreSQL two ways. (1) The tracker's batch consumer: the events are put on the topic while the tracker is
 * stopped, then it starts and drains them; the time is taken from the database itself (first to last
 * {@code updated_at} of the rows it wrote). (2) One upsert statement per event, as the original per-request code
 * did, from {@code baselineThreads} connections, for at most {@code baselineSeconds}. (3) Request-to-row lag: the
 * tracker's heartbeat at a fixed request rate, each user every few seconds with its own token; each row's
 * {@code updated_at - last_active} is the time from the user's last request (the filter's clock) to its upsert (the
 * database's, same host).
 * Run by {@code scripts/bench/ingest.sh}, which passes the cluster script to stop and start the tracker.
 * <p>
 * Arguments: cluster-script users rounds baseline-threads baseline-seconds lag-rate lag-seconds markdown. Database
 * and Kafka addresses from the cluster's {@code ACTIVITY_*} variables.
 */
public final class IngestBenchmark {

    private static final String TOPIC = "user-activity";
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(300);
    /** How often one simulated user sends a heartbeat in the lag phase. */
    private static final Duration HEARTBEAT_PERIOD = Duration.ofSeconds(5);
    /** Heartbeats at the lag phase's rate before it is measured, and the pause after them (the pipeline drains). */
    private static final Duration LAG_WARMUP = Duration.ofSeconds(20);
    private static final Duration AFTER_WARMUP = Duration.ofSeconds(5);
    private static final int LOAD_CONNECTIONS = 64;
    private static final String PER_EVENT_UPSERT = """
            INSERT INTO user_activity (user_id, phone, last_active, created_at, updated_at)
            VALUES (?, ?, ?, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
            ON CONFLICT (user_id) DO UPDATE
                SET last_active = EXCLUDED.last_active, phone = EXCLUDED.phone, updated_at = EXCLUDED.updated_at
            """;

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
        Path markdown = Path.of(args[7]);
        Machine machine = Machine.now();
        long events = (long) users * rounds;
        System.out.printf("ingest: %d events for %d users; machine %s%n", events, users, machine.describe());

        // (1) batch consumer
        run(cluster, "stop", "tracker");
        Instant lastRoundFrom = produce(users, rounds);
        String batchLoad = Machine.loadAverage();
        Instant started = Instant.now();
        run(cluster, "start", "tracker");
        long drained = awaitRows(users, lastRoundFrom);
        double wallSeconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        double span = updatedSpanSeconds(started);
        double batchRate = events / span;
        System.out.printf("batch consumer: %d of %d users at their last event; first to last write %.2f s (wall from"
                + " tracker start %.1f s)%n", drained, users, span, wallSeconds);

        // (2) one upsert per event
        String baselineLoad = Machine.loadAverage();
        long[] baseline = perEvent(users, rounds, baselineThreads, baselineSeconds);
        double baselineRate = baseline[0] / (baseline[1] / 1e9);

        // (3) request-to-row lag at a fixed request rate
        String lagLoad = Machine.loadAverage();
        double[] lag = lag(users, lagRate, lagSeconds);

        Report report = new Report("Ingest: " + users + " distinct users into PostgreSQL",
                "path", "events", "events/s applied", "vs per-event", "lag p50 ms", "lag p99 ms", "notes",
                "load (1/5/15) at start");
        report.row("batch consumer (tracker, " + consumerThreads() + ")", events, String.format("%.0f", batchRate),
                String.format("%.1fx", batchRate / baselineRate), "-", "-",
                String.format("%d rounds of every user; %.2f s first to last write", rounds, span), batchLoad);
        report.row("one upsert per event (" + baselineThreads + " connections)", baseline[0],
                String.format("%.0f", baselineRate), "1x", "-", "-",
                String.format("same events in order, stopped after %d s", baselineSeconds), baselineLoad);
        report.row("heartbeat at " + lagRate + " req/s, request to row", String.format("%.0f", lag[2]),
                String.format("%.0f", lag[3]), "-", String.format("%.0f", lag[0]), String.format("%.0f", lag[1]),
                String.format("%d s after %d s of warm-up; %.0f rows; publisher flush 1 s; each user every %d s, same"
                        + " token", lagSeconds, LAG_WARMUP.toSeconds(), lag[4], HEARTBEAT_PERIOD.toSeconds()), lagLoad);
        report.publish(markdown, machine, "scripts/bench/ingest.sh");
        System.out.println("goals: >= 50000 events/s and >= 20x the per-event baseline");
        System.exit(0);
    }

    /** What the tracker was started with: the cluster passes ACTIVITY_* variables through to it. */
    private static String consumerThreads() {
        String threads = System.getenv("ACTIVITY_TRACKER_CONSUMER_CONCURRENCY");
        String polls = System.getenv("ACTIVITY_CONSUMER_MAX_POLL_RECORDS");
        return (threads == null ? "default" : threads) + " consumer threads, "
                + (polls == null ? "default" : polls) + "-record polls";
    }

    /** Every user once per round, user after user; returns when the last round began. */
    private static Instant produce(int users, int rounds) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getenv("ACTIVITY_KAFKA_BOOTSTRAP"));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        Instant lastRoundFrom = null;
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int r = 0; r < rounds; r++) {
                if (r == rounds - 1) {
                    lastRoundFrom = Instant.now();
                }
                for (int u = 1; u <= users; u++) {
                    ActivityEvent event = new ActivityEvent(u, phone(u), Instant.now());
                    producer.send(new ProducerRecord<>(TOPIC, event.key(), ActivityEventCodec.encode(event)));
                }
            }
            producer.flush();
        }
        System.out.printf("produced %d events in %.1f s%n", (long) users * rounds, (System.nanoTime() - start) / 1e9);
        return lastRoundFrom;
    }

    /** The seeded phone numbers of scripts/cluster/seed.sql (students). */
    private static String phone(int user) {
        return String.format("+15551%06d", user);
    }

    private static long awaitRows(int users, Instant since) throws Exception {
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        long rows = 0;
        try (Connection c = connect();
             PreparedStatement q = c.prepareStatement("SELECT count(*) FROM user_activity WHERE last_active >= ?")) {
            q.setTimestamp(1, utc(since));
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    rows = rs.getLong(1);
                }
                if (rows >= users) {
                    break;
                }
                Thread.sleep(200);
            }
        }
        return rows;
    }

    /** First to last write of the rows the consumer wrote since it was started (same host: one clock). */
    private static double updatedSpanSeconds(Instant consumerStarted) throws SQLException {
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement(
                "SELECT extract(epoch FROM max(updated_at) - min(updated_at)) FROM user_activity"
                        + " WHERE updated_at >= ?")) {
            q.setTimestamp(1, utc(consumerStarted));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }

    /** {events done, nanoseconds}: the same event sequence, one autocommitted upsert each, split over threads. */
    private static long[] perEvent(int users, int rounds, int threads, int seconds) throws Exception {
        long total = (long) users * rounds;
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try (Connection c = connect(); PreparedStatement upsert = c.prepareStatement(PER_EVENT_UPSERT)) {
                    for (long n; (n = next.getAndIncrement()) < total && System.nanoTime() < end; ) {
                        int user = (int) (n % users) + 1;
                        upsert.setLong(1, user);
                        upsert.setString(2, phone(user));
                        upsert.setTimestamp(3, utc(Instant.now()));
                        upsert.executeUpdate();
                        done.incrementAndGet();
                    }
                } catch (SQLException e) {
                    System.err.println("per-event worker: " + e.getMessage());
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long nanos = System.nanoTime() - start;
        System.out.printf("one upsert per event: %d events in %.1f s%n", done.get(), nanos / 1e9);
        return new long[] {done.get(), nanos};
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
                    issuer.issue(u, "student", phone(u), Duration.ofHours(1))));
        }
        HttpLoad load = new HttpLoad(host, port);
        // The tracker was started for the batch phase: its request path is still interpreted and C2 took a core for
        // tens of seconds (top: tracker at 180 % CPU, its compiler thread busiest). A long-running tracker is warm.
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

    private static Timestamp utc(Instant instant) {
        return Timestamp.valueOf(instant.atOffset(ZoneOffset.UTC).toLocalDateTime());
    }

    private static Connection connect() throws SQLException {
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
