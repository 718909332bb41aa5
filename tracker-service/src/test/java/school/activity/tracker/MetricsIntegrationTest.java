package school.activity.tracker;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsIntegrationTest extends TrackerIntegrationTest {

    private static final List<String> TRACKER_METRICS = List.of(
            "activity_tracker_events_recorded_total",
            "activity_tracker_events_coalesced_total",
            "activity_tracker_events_published_total",
            "activity_tracker_publish_failures_total",
            "activity_tracker_recorder_pending",
            "activity_tracker_events_consumed_total",
            "activity_tracker_rows_upserted_total",
            "activity_tracker_users_unknown_total",
            "activity_tracker_events_dead_lettered_total",
            "activity_tracker_upsert_seconds_count",
            "activity_tracker_upsert_failures_total");

    @Test
    void prometheusShowsTheTrackerMetricsAndTheConsumerLag() {
        long user = rows.seedUser("+998940000001");
        client.echo(TestTokens.valid(user, null));
        eventually().until(() -> rows.lastActive(user).isPresent());

        TrackerClient management = new TrackerClient(managementPort);
        eventually().untilAsserted(() -> {
            TrackerClient.Call scrape = management.get("/actuator/prometheus", null);
            assertThat(scrape.response().statusCode()).isEqualTo(200);
            String body = scrape.response().body();
            assertThat(body).contains(TRACKER_METRICS);
            assertThat(body).contains("kafka_consumer_fetch_manager_records_lag");
            assertThat(body).containsPattern("(?m)^activity_tracker_rows_upserted_total(\\{[^}]*})? [1-9]");
        });
    }

    @Test
    void metricsAndHealthAreOnlyOnTheManagementPort() {
        TrackerClient management = new TrackerClient(managementPort);

        assertThat(managementPort).isNotEqualTo(port);
        assertThat(management.get("/actuator/health/liveness", null).response().body()).contains("UP");
        assertThat(management.get("/actuator/health/readiness", null).response().body()).contains("UP");
        for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/health/readiness")) {
            assertThat(client.get(path, null).response().statusCode()).as(path).isEqualTo(404);
        }
    }
}
