package school.activity.benchmarks.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One upsert per event, as the original per-request code did: the very events the consumer got, in the order they
 * were produced (connections take the next event in turn), one autocommitted statement each, until all are applied
 * or the time is up.
 */
final class PerEventBaseline {

    private static final String UPSERT = """
            INSERT INTO user_activity (user_id, phone, last_active, created_at, updated_at)
            VALUES (?, ?, ?, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
            ON CONFLICT (user_id) DO UPDATE
                SET last_active = EXCLUDED.last_active, phone = EXCLUDED.phone, updated_at = EXCLUDED.updated_at
            """;

    /** @param applied events written; {@code seconds} from the first statement to the last */
    record Result(long applied, double seconds) {
        double eventsPerSecond() {
            return applied / seconds;
        }
    }

    private PerEventBaseline() {
    }

    static Result run(ProducedEvents events, int threads, int limitSeconds) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(limitSeconds);
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try (Connection c = IngestBenchmark.connect(); PreparedStatement upsert = c.prepareStatement(UPSERT)) {
                    for (long n; (n = next.getAndIncrement()) < events.count() && System.nanoTime() < end; ) {
                        int user = events.user(n);
                        upsert.setLong(1, user);
                        upsert.setString(2, ProducedEvents.phone(user));
                        upsert.setTimestamp(3, IngestBenchmark.utc(events.occurredAt(n)));
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
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("one upsert per event: %d of %d events in %.1f s%n", done.get(), events.count(), seconds);
        return new Result(done.get(), seconds);
    }
}
