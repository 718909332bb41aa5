package school.activity.benchmarks.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTest {

    private static final String PAGE = """
            # HELP jvm_memory_used_bytes The amount of used memory
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.048576E7
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2097152.0
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5.0E7
            activity_ws_clients_dropped_total{reason="no_pong"} 500.0
            """;

    @Test
    void sumsEverySampleOfASeriesAndNothingElse() {
        assertThat(Prometheus.sum(PAGE, "jvm_memory_used_bytes{area=\"heap\"")).isEqualTo(12_582_912.0);
        assertThat(Prometheus.sum(PAGE, "activity_ws_clients_dropped_total")).isEqualTo(500.0);
        assertThat(Prometheus.sum(PAGE, "absent_total")).isZero();
    }
}
