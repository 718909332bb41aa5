package school.activity.shared.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ContractJsonTest {

    private final JsonMapper mapper = ActivityJson.mapper();

    private static final Instant ACTIVE = Instant.parse("2025-09-01T10:30:45.123456Z");
    private static final Instant SENT = Instant.parse("2025-09-01T10:30:50.789123Z");

    @Test
    void userActivityIsTheSeedsObjectFieldForField() {
        UserActivity user = new UserActivity(123, "+998901234567", ACTIVE, true, "student", "John Doe");

        String json = mapper.writeValueAsString(user);

        assertThat(json).isEqualTo("{\"user_id\":123,\"phone\":\"+998901234567\","
                + "\"last_active\":\"2025-09-01T10:30:45.123456Z\",\"is_online\":true,"
                + "\"role\":\"student\",\"full_name\":\"John Doe\"}");
        assertThat(mapper.readValue(json, UserActivity.class)).isEqualTo(user);
    }

    @Test
    void aNeverActiveUserHasAnExplicitNullLastActive() {
        UserActivity user = new UserActivity(124, "+998987654321", null, false, "student", "Jane Smith");

        JsonNode node = mapper.readTree(mapper.writeValueAsString(user));

        assertThat(node.has("last_active")).isTrue();
        assertThat(node.get("last_active").isNull()).isTrue();
        assertThat(node.get("is_online").isBoolean()).isTrue();
        assertThat(node.get("user_id").isIntegralNumber()).isTrue();
    }

    @Test
    void activityUpdateHasTheSeedsFieldsTypesAndOrder() {
        ActivityUpdate update = ActivityUpdate.of(Role.STUDENT, List.of(
                new UserActivity(123, "+998901234567", ACTIVE, true, "student", "John Doe"),
                new UserActivity(124, "+998987654321", null, false, "student", "Jane Smith")), SENT);

        String json = mapper.writeValueAsString(update);
        JsonNode node = mapper.readTree(json);

        assertThat(node.propertyNames()).containsExactly("type", "data", "timestamp", "total_users", "online_users");
        assertThat(node.get("type").asString()).isEqualTo("student_activity_update");
        assertThat(node.get("data").isArray()).isTrue();
        assertThat(node.get("data").get(0).propertyNames())
                .containsExactly("user_id", "phone", "last_active", "is_online", "role", "full_name");
        assertThat(node.get("timestamp").asString()).isEqualTo("2025-09-01T10:30:50.789123Z");
        assertThat(node.get("total_users").asInt()).isEqualTo(2);
        assertThat(node.get("online_users").asInt()).isEqualTo(1);
        assertThat(mapper.readValue(json, ActivityUpdate.class)).isEqualTo(update);
    }

    @Test
    void aDeltaModeSnapshotIsTheSeedsMessagePlusSeq() {
        ActivityUpdate update = ActivityUpdate.of(Role.STUDENT, List.of(
                new UserActivity(123, "+998901234567", ACTIVE, true, "student", "John Doe")), SENT).withSeq(41);

        String json = mapper.writeValueAsString(update);

        assertThat(json).isEqualTo("{\"type\":\"student_activity_update\",\"seq\":41,\"data\":[{\"user_id\":123,"
                + "\"phone\":\"+998901234567\",\"last_active\":\"2025-09-01T10:30:45.123456Z\",\"is_online\":true,"
                + "\"role\":\"student\",\"full_name\":\"John Doe\"}],\"timestamp\":\"2025-09-01T10:30:50.789123Z\","
                + "\"total_users\":1,\"online_users\":1}");
        assertThat(mapper.readValue(json, ActivityUpdate.class)).isEqualTo(update);
        assertThat(mapper.readTree(mapper.writeValueAsString(update.withSeq(41))).get("seq").asLong()).isEqualTo(41);
    }

    @Test
    void deltaHasTheContractsFieldsInOrder() {
        ActivityDelta delta = new ActivityDelta("teacher_activity_delta", 42, 41, SENT, 150, 89,
                List.of(new UserActivity(7, null, null, false, "teacher", "New Teacher")), List.of(9L, 11L));

        String json = mapper.writeValueAsString(delta);

        assertThat(json).isEqualTo("{\"type\":\"teacher_activity_delta\",\"seq\":42,\"base\":41,"
                + "\"timestamp\":\"2025-09-01T10:30:50.789123Z\",\"total_users\":150,\"online_users\":89,"
                + "\"upsert\":[{\"user_id\":7,\"phone\":null,\"last_active\":null,\"is_online\":false,"
                + "\"role\":\"teacher\",\"full_name\":\"New Teacher\"}],\"remove\":[9,11]}");
        assertThat(mapper.readValue(json, ActivityDelta.class)).isEqualTo(delta);
        assertThat(Role.TEACHER.deltaType()).isEqualTo("teacher_activity_delta");
    }

    @Test
    void summaryHasEveryRolesTotalAndOnline() {
        ActivitySummary summary = ActivitySummary.of(SENT, java.util.Map.of(Role.STUDENT, new RoleCounts(2000, 1213),
                Role.TEACHER, new RoleCounts(150, 89), Role.PARENT, new RoleCounts(3000, 269)));

        String json = mapper.writeValueAsString(summary);

        assertThat(json).isEqualTo("{\"type\":\"activity_summary\",\"timestamp\":\"2025-09-01T10:30:50.789123Z\","
                + "\"students\":{\"total\":2000,\"online\":1213},\"teachers\":{\"total\":150,\"online\":89},"
                + "\"parents\":{\"total\":3000,\"online\":269}}");
        assertThat(mapper.readValue(json, ActivitySummary.class)).isEqualTo(summary);
        assertThat(ActivitySummary.of(SENT, java.util.Map.of()).of(Role.PARENT)).isEqualTo(RoleCounts.NONE);
    }

    @Test
    void historyHasOnePointPerMinuteWithWholeSecondTimes() {
        OnlineHistory history = OnlineHistory.perMinute(List.of(
                new OnlineMinute(Instant.parse("2026-12-01T10:31:00Z"), 1204, 91, 260)));

        String json = mapper.writeValueAsString(history);

        assertThat(json).isEqualTo("{\"interval_seconds\":60,\"points\":[{\"at\":\"2026-12-01T10:31:00Z\","
                + "\"students\":1204,\"teachers\":91,\"parents\":260}]}");
        assertThat(mapper.readValue(json, OnlineHistory.class)).isEqualTo(history);
    }

    @Test
    void eachRoleHasItsChannelAndMessageType() {
        assertThat(Role.STUDENT.path()).isEqualTo("/ws/students");
        assertThat(Role.TEACHER.path()).isEqualTo("/ws/teachers");
        assertThat(Role.PARENT.path()).isEqualTo("/ws/parents");
        assertThat(Role.TEACHER.messageType()).isEqualTo("teacher_activity_update");
        assertThat(Role.PARENT.messageType()).isEqualTo("parent_activity_update");
        assertThat(Role.fromValue("parent")).contains(Role.PARENT);
        assertThat(Role.fromChannel("students")).contains(Role.STUDENT);
        assertThat(Role.fromValue("admin")).isEmpty();
    }

    @Test
    void statusResponseHasTheSeedsFieldsPlusInstances() {
        ActivityStatus status = new ActivityStatus(45, 12, 23,
                List.of(new RecentActivity(123, "+998901234567", "John Doe", "student", ACTIVE)), 3000, 2);

        String json = mapper.writeValueAsString(status);

        assertThat(json).isEqualTo("{\"student_connections\":45,\"teacher_connections\":12,"
                + "\"parent_connections\":23,\"recent_activity\":[{\"user_id\":123,\"phone\":\"+998901234567\","
                + "\"full_name\":\"John Doe\",\"role\":\"student\",\"last_active\":\"2025-09-01T10:30:45.123456Z\"}],"
                + "\"max_connections\":3000,\"instances\":2}");
        assertThat(mapper.readValue(json, ActivityStatus.class)).isEqualTo(status);
    }

    @Test
    void kafkaEventIsUserPhoneAndOccurredAt() {
        ActivityEvent event = new ActivityEvent(7, "+998901234567", ACTIVE);

        byte[] bytes = ActivityEventCodec.encode(event);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(
                "{\"user_id\":7,\"phone\":\"+998901234567\",\"occurred_at\":\"2025-09-01T10:30:45.123456Z\"}");
        assertThat(ActivityEventCodec.decode(bytes)).isEqualTo(event);
        assertThat(event.key()).isEqualTo("7");
    }

    @Test
    void timesAlwaysHaveSixFractionDigitsAndAZ() {
        assertThat(Timestamps.format(Instant.parse("2025-09-01T10:30:45Z"))).isEqualTo("2025-09-01T10:30:45.000000Z");
        assertThat(Timestamps.format(Instant.parse("2025-09-01T10:30:45.123456789Z")))
                .isEqualTo("2025-09-01T10:30:45.123456Z");
        // The seed wrote times without an offset: they are read as UTC.
        assertThat(Timestamps.parse("2025-09-01T10:30:45.123456")).isEqualTo(ACTIVE);
    }

    @Test
    void eventsLoseNothingFinerThanMicroseconds() {
        ActivityEvent event = new ActivityEvent(7, null, Instant.parse("2025-09-01T10:30:45.123456789Z"));

        assertThat(event.occurredAt()).isEqualTo(ACTIVE);
        assertThat(ActivityEventCodec.decode(ActivityEventCodec.encode(event))).isEqualTo(event);
    }

    @Test
    void undecodableValuesAreRejectedWithoutEchoingThem() {
        for (String garbage : new String[] {"", "not json", "{}", "{\"user_id\":\"x\"}", "[1,2]",
                "{\"user_id\":-1,\"occurred_at\":\"2025-09-01T10:30:45Z\"}",
                "{\"user_id\":5,\"phone\":\"+998901234567\",\"occurred_at\":\"yesterday\"}", "null"}) {
            assertThatThrownBy(() -> ActivityEventCodec.decode(garbage.getBytes(StandardCharsets.UTF_8)))
                    .as(garbage)
                    .isInstanceOf(ActivityEventCodec.UndecodableEventException.class)
                    .message().doesNotContain("+998901234567");
        }
        assertThatThrownBy(() -> ActivityEventCodec.decode(null))
                .isInstanceOf(ActivityEventCodec.UndecodableEventException.class);
    }
}
