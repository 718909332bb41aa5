package school.activity.benchmarks.ingest;

import java.net.http.HttpClient;
import java.time.Duration;

import school.activity.benchmarks.support.Prometheus;

/**
 * The tracker consumer's own counters, sampled while it drains: the run is timed from the last sample before its first
 * batch was written to the first sample that shows every event consumed, so the span covers every write of the run
 * (it can only be longer than the true one, by up to two sampling intervals). The tracker starts cold, so the rate
 * over the second half of the events (from the first sample with half of them consumed) is kept beside it: what a
 * consumer whose code is compiled does.
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
     * @param secondHalfEventsPerSecond events consumed per second over the second half of the drain
     */
    record Drain(double seconds, long consumed, long rowsWritten, long batches, double upsertSeconds,
                 double secondHalfEventsPerSecond) {

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
        long halfAt = 0;
        double consumedAtHalf = 0;
        String page = null;
        while (System.nanoTime() < deadline) {
            long sampled = System.nanoTime();
            String current = pageOrNull();
            if (current != null) {
                double consumed = Prometheus.sum(current, CONSUMED);
                if (consumed == 0) {
                    lastIdle = sampled;
                } else if (consumed >= events) {
                    double secondHalf = halfAt == 0 || sampled == halfAt ? 0
                            : (consumed - consumedAtHalf) / ((sampled - halfAt) / 1e9);
                    return drain(current, (sampled - lastIdle) / 1e9, secondHalf);
                } else if (halfAt == 0 && consumed >= events / 2.0) {
                    halfAt = sampled;
                    consumedAtHalf = consumed;
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

    static Drain drain(String page, double seconds, double secondHalfEventsPerSecond) {
        return new Drain(seconds, (long) Prometheus.sum(page, CONSUMED), (long) Prometheus.sum(page, UPSERTED),
                (long) Prometheus.sum(page, BATCHES), Prometheus.sum(page, UPSERT_SECONDS),
                secondHalfEventsPerSecond);
    }
}
