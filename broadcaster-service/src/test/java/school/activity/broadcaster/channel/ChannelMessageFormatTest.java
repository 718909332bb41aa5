package school.activity.broadcaster.channel;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import tools.jackson.databind.JsonNode;

import school.activity.broadcaster.OnDemandBroadcasterTest;
import school.activity.broadcaster.support.WsClient;
import school.activity.shared.contract.Role;

class ChannelMessageFormatTest extends OnDemandBroadcasterTest {

    private static final String MICROS_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z";

    @ParameterizedTest
    @EnumSource(Role.class)
    void theMessageMatchesTheSeedFieldForField(Role role) {
        long online = school.addUser(role, role.value() + " active 5 s ago");
        long offline = school.addUser(role, role.value() + " active 40 s ago");
        long never = school.addUser(role, role.value() + " never active");
        school.activeSecondsAgo(online, 5);
        school.activeSecondsAgo(offline, 40);
        school.addUser("admin", "an admin, on no channel", "+998900000000");

        JsonNode message;
        try (WsClient client = WsClient.connectAsAdmin(port, role.path())) {
            message = client.nextMessage();
        }

        assertThat(fieldNames(message)).containsExactly("type", "data", "timestamp", "total_users", "online_users");
        assertThat(message.get("type").asString()).isEqualTo(role.value() + "_activity_update");
        assertThat(message.get("timestamp").asString()).matches(MICROS_UTC);
        JsonNode data = message.get("data");
        assertThat(message.get("total_users").asInt()).isEqualTo(data.size());
        assertThat(message.get("online_users").asInt())
                .isEqualTo((int) elements(data).filter(u -> u.get("is_online").asBoolean()).count());

        for (JsonNode user : data) {
            assertThat(fieldNames(user))
                    .containsExactly("user_id", "phone", "last_active", "is_online", "role", "full_name");
            assertThat(user.get("role").asString()).isEqualTo(role.value());
            assertThat(user.get("user_id").isIntegralNumber()).isTrue();
            assertThat(user.get("phone").asString()).startsWith("+99890");
        }
        JsonNode onlineUser = user(data, online);
        assertThat(onlineUser.get("is_online").asBoolean()).isTrue();
        assertThat(onlineUser.get("last_active").asString()).matches(MICROS_UTC);
        assertThat(onlineUser.get("full_name").asString()).isEqualTo(role.value() + " active 5 s ago");
        assertThat(ageOf(onlineUser, message)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(30));

        JsonNode offlineUser = user(data, offline);
        assertThat(offlineUser.get("is_online").asBoolean()).isFalse();
        assertThat(offlineUser.get("last_active").asString()).matches(MICROS_UTC);
        assertThat(ageOf(offlineUser, message)).isGreaterThanOrEqualTo(Duration.ofSeconds(39));

        JsonNode neverUser = user(data, never);
        assertThat(neverUser.get("is_online").asBoolean()).isFalse();
        assertThat(neverUser.get("last_active").isNull()).isTrue();

        assertStableOrder(data);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void aNewConnectionGetsTheSnapshotAtOnceAndLaterOnesShareIt(Role role) {
        long user = school.addUser(role, "someone");
        school.activeSecondsAgo(user, 1);
        // The profile's interval is an hour: no scheduled tick happens during this test.
        try (WsClient first = WsClient.connectAsAdmin(port, role.path());
             WsClient second = WsClient.connectAsAdmin(port, role.path())) {
            JsonNode firstMessage = first.nextMessage();
            JsonNode secondMessage = second.nextMessage();
            assertThat(user(firstMessage.get("data"), user)).isNotNull();
            assertThat(first.rawMessage(0)).isEqualTo(second.rawMessage(0));
            assertThat(secondMessage.get("timestamp")).isEqualTo(firstMessage.get("timestamp"));
        }
    }

    /** Frames go out pre-encoded (one UTF-8 encoding per tick): multi-byte text and 64-bit lengths stay intact. */
    @Test
    void aLargeMessageWithMultiByteNamesArrivesIntact() {
        String name = "Oʻgʻiloy Абдуллаева-Каримова 学生 🎒 ";
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            ids.add(school.addUser(Role.TEACHER, name + i));
        }
        try (WsClient client = WsClient.connectAsAdmin(port, Role.TEACHER.path())) {
            JsonNode data = client.nextMessage().get("data");
            assertThat(client.rawMessage(0).getBytes(UTF_8).length).isGreaterThan(65_535);
            for (int i = 0; i < ids.size(); i++) {
                assertThat(user(data, ids.get(i)).get("full_name").asString()).isEqualTo(name + i);
            }
        }
    }

    /** last_active desc, never-active users last, ties and nulls by user_id. */
    private static void assertStableOrder(JsonNode data) {
        List<JsonNode> users = elements(data).toList();
        List<JsonNode> sorted = new ArrayList<>(users);
        sorted.sort(Comparator
                .comparing((JsonNode u) -> u.get("last_active").isNull() ? null : Instant.parse(u.get("last_active").asString()),
                        Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(u -> u.get("user_id").asLong()));
        assertThat(users).containsExactlyElementsOf(sorted);
    }

    private static Duration ageOf(JsonNode user, JsonNode message) {
        return Duration.between(Instant.parse(user.get("last_active").asString()),
                Instant.parse(message.get("timestamp").asString()));
    }

    private static JsonNode user(JsonNode data, long id) {
        return elements(data).filter(u -> u.get("user_id").asLong() == id).findFirst().orElse(null);
    }

    private static java.util.stream.Stream<JsonNode> elements(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    private static List<String> fieldNames(JsonNode node) {
        return new ArrayList<>(node.propertyNames());
    }

}
