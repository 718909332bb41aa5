package school.activity.benchmarks.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsumerProgressTest {

    @Test
    void eventsConsumedAndRowsWrittenAreRatesOfTheirOwn() {
        String page = """
                activity_tracker_events_consumed_total 300000.0
                activity_tracker_rows_upserted_total 240000.0
                activity_tracker_upsert_seconds_count 60
                activity_tracker_upsert_seconds_sum 4.5
                """;

        ConsumerProgress.Drain drain = ConsumerProgress.drain(page, 6.0, 80_000.0);

        assertThat(drain.eventsPerSecond()).isEqualTo(50_000.0);
        assertThat(drain.rowsPerSecond()).isEqualTo(40_000.0);
        assertThat(drain.meanBatch()).isEqualTo(5000);
        assertThat(drain.upsertSeconds()).isEqualTo(4.5);
        assertThat(drain.secondHalfEventsPerSecond()).isEqualTo(80_000.0);
    }
}
