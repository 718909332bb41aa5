package school.activity.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class MetricReferencesTest {

    private static final Path PROJECT = Path.of(System.getProperty("deploy-check.project-dir", ".."));

    @Test
    void findsMetricNamesAndNothingElse() {
        assertThat(MetricReferences.inExpression(
                "sum by (instance, channel) (rate(activity_ws_handshakes_refused_total{reason=\"capacity\"}[$__rate_interval]))"
                        + " / on (instance) group_left sum(activity_ws_connections{channel=~\"s.*\"} offset 5m) > 0.5"))
                .containsExactlyInAnyOrder("activity_ws_handshakes_refused_total", "activity_ws_connections");
        assertThat(MetricReferences.inExpression("deriv(sum(lag_max)[10m:1m]) > 1e3 and up{job=\"activity\"} == 0"))
                .containsExactlyInAnyOrder("lag_max", "up");
        assertThat(MetricReferences.inExpression("label_values(activity_ws_connections{x=\"y\"}, channel)"))
                .containsExactly("activity_ws_connections");
        assertThat(MetricReferences.inExpression("max by(channel)(m_max) unless ignoring(a) n"))
                .containsExactlyInAnyOrder("m_max", "n");
    }

    @Test
    void readsTheNamesOfAnExposition() {
        assertThat(MetricReferences.exposed("""
                # HELP a_total help
                # TYPE a_total counter
                a_total{channel="x"} 1.0
                b_seconds_max 0.0
                """)).containsExactlyInAnyOrder("a_total", "b_seconds_max");
    }

    @Test
    void theDashboardAndTheAlertsUseMetricsOfTheServicesOnly() throws Exception {
        var names = MetricReferences.inFiles(PROJECT.resolve("deploy/grafana/activity-dashboard.json"),
                PROJECT.resolve("deploy/prometheus/alerts.yml"));

        assertThat(names).isNotEmpty().allMatch(name -> name.startsWith("activity_") || name.startsWith("jvm_")
                || name.startsWith("kafka_consumer_"));
        assertThat(names).contains("activity_tracker_events_recorded_total", "activity_ws_connections",
                "activity_broadcast_failures_total", "jvm_memory_used_bytes").doesNotContain("up", "prometheus");
    }
}
