package school.activity.broadcaster.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import school.activity.broadcaster.FastTickBroadcasterTest;
import school.activity.broadcaster.support.WsClient;
import school.activity.shared.contract.Role;

class SummaryChannelTest extends FastTickBroadcasterTest {

    @Test
    void theSummaryHasTheRoleChannelsCountsForTheSameTick() {
        for (Role role : Role.values()) {
            long online = school.addUser(role, "summary online " + role.value());
            school.addUser(role, "summary never active " + role.value());
            school.activeSecondsAgo(online, 2);
        }
        try (WsClient summary = WsClient.connect(port, "/ws/summary", Map.of());
             WsClient students = WsClient.connect(port, Role.STUDENT.path(), Map.of());
             WsClient teachers = WsClient.connect(port, Role.TEACHER.path(), Map.of());
             WsClient parents = WsClient.connect(port, Role.PARENT.path(), Map.of())) {
            JsonNode first = summary.nextMessage();
            assertThat(List.copyOf(first.propertyNames()))
                    .containsExactly("type", "timestamp", "students", "teachers", "parents");
            assertThat(first.get("type").asString()).isEqualTo("activity_summary");
            assertThat(first.get("timestamp").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z");
            assertThat(List.copyOf(first.get("students").propertyNames())).containsExactly("total", "online");

            // Queries of different channels run apart: compare the newest messages until no one went offline between.
            await().atMost(WsClient.WAIT).untilAsserted(() -> {
                JsonNode counts = summary.awaitMessageAfter(summary.received() - 1);
                assertCounts(counts.get("students"), students.awaitMessageAfter(students.received() - 1));
                assertCounts(counts.get("teachers"), teachers.awaitMessageAfter(teachers.received() - 1));
                assertCounts(counts.get("parents"), parents.awaitMessageAfter(parents.received() - 1));
                assertThat(counts.get("students").get("online").asInt()).isPositive();
            });
            int before = summary.received();
            await().atMost(WsClient.WAIT).until(() -> summary.received() > before + 2);
        }
    }

    private static void assertCounts(JsonNode summary, JsonNode channel) {
        assertThat(summary.get("total").asInt()).isEqualTo(channel.get("total_users").asInt());
        assertThat(summary.get("online").asInt()).isEqualTo(channel.get("online_users").asInt());
    }
}
