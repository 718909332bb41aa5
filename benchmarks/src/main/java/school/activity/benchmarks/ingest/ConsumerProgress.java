package school.activity.benchmarks.ingest;

import java.net.http.HttpClient;
import java.time.Duration;

import school.activity.benchmarks.support.Prometheus;

/**
 * The tracker consumer's own counters, sampled while it drains: the run is timed from the last sample before its first
 * batch was written to the first sample that shows every event consumed, so the span covers every write of the run
 * (it can only be longer than the true one, by up to two sampling intervals).
 */
final class ConsumerProgress {

    static final String CONSUMED = "activity_tracker_events_consumed_total";
    static final String UPSERTED = "activity_tracker_rows_upserted_total";
    static final String BATCHES = "activity_tracker_upsert_seconds_count";
    static final String UPSERT_SECONDS = "activity_tracker_upsert_seconds_sum";
    private static final long SAMPLE_MILLIS = 50;

    /**
     * @param seconds        from the last sample before the first write to the first sample after the last
     * @param consumed       events the consumer took from the topic
     * @param rowsWritten    rows inserted or moved forward
     * @param batches        batch upserts
     * @param upsertSeconds  time spent inside the upsert statements, summed over the consumer threads
     */
    record Drain(double seconds, long consumed, long rowsWritten, long batches, double upsertSeconds) {

        double eventsPerSecond() {
            return consumed / seconds;
        }

        double rowsPerSecond() {
            return rowsWritten / seconds;
        }

        long meanBatch() {
            return batches == 0 ? 0 : Math.round((double) consumed / batches);
        }
    }

    private final Prometheus metrics;

    ConsumerProgress(String trackerHostPort) {
        this.metrics = new Prometheus(HttpClient.newHttpClient(), trackerHostPort);
    }

    /** Samples until {@code events} were consumed or the limit passed; the tracker has just been started. */
    Drain await(long events, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        long lastIdle = System.nanoTime();
        String page = null;
        while (System.nanoTime() < deadline) {
            long sampled = System.nanoTime();
            String current = pageOrNull();
            if (current != null) {
                double consumed = Prometheus.sum(current, CONSUMED);
                if (consumed == 0) {
                    lastIdle = sampled;
                } else if (consumed >= events) {
                    return drain(current, (sampled - lastIdle) / 1e9);
                }
                page = current;
            } else {
                lastIdle = sampled; // not up yet
            }
            Thread.sleep(SAMPLE_MILLIS);
        }
        throw new IllegalStateException("the consumer did not take all " + events + " events within " + limit
                + (page == null ? "" : "; consumed " + (long) Prometheus.sum(page, CONSUMED)));
    }

    private String pageOrNull() {
        try {
            return metrics.page();
        } catch (Exception e) {
            return null;
        }
    }

    static Drain drain(String page, double seconds) {
        return new Drain(seconds, (long) Prometheus.sum(page, CONSUMED), (long) Prometheus.sum(page, UPSERTED),
                (long) Prometheus.sum(page, BATCHES), Prometheus.sum(page, UPSERT_SECONDS));
    }
}
