package school.activity.benchmarks.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PgbenchAnchorTest {

    private static final String OUTPUT = """
            transaction type: /tmp/consumer-upsert.sql
            scaling factor: 1
            query mode: prepared
            number of clients: 3
            number of threads: 3
            duration: 15 s
            number of transactions actually processed: 450
            latency average = 100.250 ms
            initial connection time = 12.345 ms
            tps = 29.925000 (without initial connection time)
            """;

    @Test
    void readsBatchesPerSecondAndLatencyAndCountsRows() {
        PgbenchAnchor.Result result = PgbenchAnchor.parse(OUTPUT, 5000, 3, 15);

        assertThat(result.batchesPerSecond()).isEqualTo(29.925);
        assertThat(result.latencyMillis()).isEqualTo(100.25);
        assertThat(result.rowsPerSecond()).isEqualTo(149_625.0);
    }

    @Test
    void outputWithoutFiguresIsAnError() {
        assertThatThrownBy(() -> PgbenchAnchor.parse("connection refused", 5000, 3, 15))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("connection refused");
    }

    @Test
    void theScriptIsTheTrackersStatementWithAGeneratedBatch() {
        assertThat(PgbenchAnchor.SCRIPT)
                .contains("ON CONFLICT (user_id) DO UPDATE")
                .contains("WHERE a.last_active IS NULL OR a.last_active < EXCLUDED.last_active")
                .contains("generate_series(0, :batch::int - 1)");
    }
}
