package school.activity.broadcaster.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import school.activity.broadcaster.OnDemandBroadcasterTest;
import school.activity.broadcaster.support.ExtraInstance;
import school.activity.broadcaster.support.WsClient;
import school.activity.shared.contract.Role;

/** Three instances on one database, phone full (the test context), masked and hidden. */
class PhonePolicyChannelTest extends OnDemandBroadcasterTest {

    @Test
    void maskedAndHiddenChangeOnlyThePhoneField() {
        long online = school.addUser(Role.STUDENT, "online student");
        long offline = school.addUser(Role.STUDENT, "offline student");
        long never = school.addUser(Role.STUDENT, "never active student");
        school.activeSecondsAgo(online, 1);
        school.activeSecondsAgo(offline, 100);

        try (ExtraInstance masked = ExtraInstance.start("on-demand", databaseUrl, "activity.ws.phone=masked");
             ExtraInstance hidden = ExtraInstance.start("on-demand", databaseUrl, "activity.ws.phone=hidden")) {
            JsonNode full = firstMessage(port);
            JsonNode maskedMessage = firstMessage(masked.port());
            JsonNode hiddenMessage = firstMessage(hidden.port());

            for (long id : new long[] {online, offline, never}) {
                JsonNode fullUser = user(full, id);
                JsonNode maskedUser = user(maskedMessage, id);
                JsonNode hiddenUser = user(hiddenMessage, id);
                String phone = fullUser.get("phone").asString();
                assertThat(phone).matches("\\+99890\\d{7}");

                assertThat(maskedUser.get("phone").asString())
                        .isEqualTo("+" + "*".repeat(phone.length() - 5) + phone.substring(phone.length() - 4));
                assertThat(hiddenUser.has("phone")).isTrue();
                assertThat(hiddenUser.get("phone").isNull()).isTrue();
                assertThat(withoutPhone(maskedUser)).isEqualTo(withoutPhone(fullUser));
                assertThat(withoutPhone(hiddenUser)).isEqualTo(withoutPhone(fullUser));
            }
            assertThat(maskedMessage.get("type")).isEqualTo(full.get("type"));
        }
    }

    private static JsonNode firstMessage(int port) {
        try (WsClient client = WsClient.connectAsAdmin(port, Role.STUDENT.path())) {
            return client.nextMessage();
        }
    }

    private static JsonNode user(JsonNode message, long id) {
        return StreamSupport.stream(message.get("data").spliterator(), false)
                .filter(u -> u.get("user_id").asLong() == id).findFirst().orElseThrow();
    }

    private static JsonNode withoutPhone(JsonNode user) {
        ObjectNode copy = ((ObjectNode) user).deepCopy();
        copy.remove("phone");
        return copy;
    }
}
