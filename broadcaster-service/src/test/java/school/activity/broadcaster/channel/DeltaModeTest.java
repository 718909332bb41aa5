package school.activity.broadcaster.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import school.activity.broadcaster.FastTickBroadcasterTest;
import school.activity.broadcaster.support.DeltaPicture;
import school.activity.broadcaster.support.WsClient;
import school.activity.shared.contract.Role;

/** Delta mode against a real broadcaster and database, with a tick every 200 ms. */
class DeltaModeTest extends FastTickBroadcasterTest {

    private static final String DELTA = "?mode=delta";

    @Test
    void afterEveryTickTheDeltaClientsPictureIsTheFullSnapshotOfThatTick() {
        long active = school.addUser(Role.STUDENT, "delta active");
        long fading = school.addUser(Role.STUDENT, "delta fading");
        long renamed = school.addUser(Role.STUDENT, "delta old name");
        long leaving = school.addUser(Role.STUDENT, "delta becomes a teacher");
        long joining = school.addUser(Role.TEACHER, "delta becomes a student");
        school.activeSecondsAgo(active, 20);
        school.activeSecondsAgo(fading, 1);
        school.activeSecondsAgo(leaving, 3);
        school.activeSecondsAgo(joining, 2);

        try (WsClient client = WsClient.connect(port, Role.STUDENT.path() + DELTA, Map.of())) {
            DeltaPicture picture = new DeltaPicture();
            JsonNode first = client.nextMessage();
            assertThat(first.get("type").asString()).isEqualTo("student_activity_update");
            picture.apply(first);

            long[] added = new long[1];
            List<Step> steps = List.of(
                    new Step("a user added to users", () -> added[0] = school.addUser(Role.STUDENT, "delta newcomer"),
                            data -> user(data, added[0]) != null),
                    new Step("last_active moved", () -> school.activeSecondsAgo(active, 0.5),
                            data -> user(data, active).get("is_online").asBoolean()
                                    && data.get(0).get("user_id").asLong() == active),
                    new Step("a teacher became a student", () -> setRole(joining, "student"),
                            data -> user(data, joining) != null),
                    new Step("a student became a teacher", () -> setRole(leaving, "teacher"),
                            data -> user(data, leaving) == null),
                    new Step("is_online flipped", () -> school.activeSecondsAgo(fading, 100),
                            data -> !user(data, fading).get("is_online").asBoolean()),
                    new Step("full_name changed", () -> school.jdbc().update(
                            "UPDATE users SET full_name = 'delta new name' WHERE id = ?", renamed),
                            data -> "delta new name".equals(user(data, renamed).get("full_name").asString())));

            for (Step step : steps) {
                step.change().run();
                await().atMost(WsClient.WAIT).untilAsserted(() -> {
                    JsonNode full = freshSnapshot(Role.STUDENT);
                    assertThat(step.visible().test(full.get("data"))).as(step.name() + " is in the snapshot").isTrue();
                    String timestamp = full.get("timestamp").asString();
                    await().atMost(WsClient.WAIT).until(() -> {
                        drain(client, picture);
                        return picture.at(timestamp) != null;
                    });
                    DeltaPicture.Tick tick = picture.at(timestamp);
                    assertThat(tick.data()).as(step.name() + ": the delta client's picture, field for field")
                            .containsExactlyElementsOf(elements(full.get("data")));
                    assertThat(tick.totalUsers()).isEqualTo(full.get("total_users").asInt());
                    assertThat(tick.onlineUsers()).isEqualTo(full.get("online_users").asInt());
                });
            }

            assertThat(picture.deltas()).isGreaterThanOrEqualTo(5);
            assertThat(picture.upserted()).isPositive();
            assertThat(picture.removed()).isPositive();
        }
    }

    @Test
    void aTickWithoutChangeIsAnEmptyDeltaWithTheCounts() {
        try (WsClient client = WsClient.connect(port, Role.PARENT.path() + DELTA, Map.of())) {
            DeltaPicture picture = new DeltaPicture();
            picture.apply(client.nextMessage());
            JsonNode delta = client.nextMessage();
            picture.apply(delta);

            assertThat(List.copyOf(delta.propertyNames())).containsExactly("type", "seq", "base", "timestamp",
                    "total_users", "online_users", "upsert", "remove");
            assertThat(delta.get("type").asString()).isEqualTo("parent_activity_delta");
            String timestamp = delta.get("timestamp").asString();
            assertThat(timestamp).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z");
            assertThat(delta.get("total_users").asInt()).isEqualTo(picture.at(timestamp).data().size());
        }
    }

    @Test
    void aSeedModeClientOnTheSameChannelStillGetsTheSeedsFormat() {
        try (WsClient delta = WsClient.connect(port, Role.TEACHER.path() + DELTA, Map.of());
             WsClient seed = WsClient.connect(port, Role.TEACHER.path(), Map.of())) {
            delta.nextMessage();
            for (int i = 0; i < 3; i++) {
                JsonNode message = seed.nextMessage();
                assertThat(List.copyOf(message.propertyNames()))
                        .containsExactly("type", "data", "timestamp", "total_users", "online_users");
            }
        }
    }

    /** The snapshot a new seed-mode client gets first: the channel's current tick. */
    private JsonNode freshSnapshot(Role role) {
        try (WsClient fresh = WsClient.connect(port, role.path(), Map.of())) {
            return fresh.nextMessage();
        }
    }

    private static void drain(WsClient client, DeltaPicture picture) {
        while (client.received() > picture.deltas() + picture.snapshots()) {
            picture.apply(client.nextMessage());
        }
    }

    private void setRole(long userId, String role) {
        school.jdbc().update("UPDATE users SET role = ? WHERE id = ?", role, userId);
    }

    private static JsonNode user(JsonNode data, long id) {
        for (JsonNode user : data) {
            if (user.get("user_id").asLong() == id) {
                return user;
            }
        }
        return null;
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    private record Step(String name, Runnable change, Predicate<JsonNode> visible) {
    }
}
