package school.activity.tracker;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import school.activity.shared.contract.ActivityEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static school.activity.tracker.KafkaProbe.event;
import static school.activity.tracker.KafkaProbe.raw;

/** Every path that handles a token or a phone number, with every log event of the JVM captured at TRACE. */
class NoSecretsInLogsTest extends TrackerIntegrationTest {

    @Test
    void noLogLineContainsATokenOrAPhoneNumber() {
        List<String> secrets = new ArrayList<>();
        try (LogCapture logs = new LogCapture()) {
            String phone = "+998977770001";
            long user = rows.seedUser("+998977770002");
            String token = TestTokens.valid(user, phone);
            secrets.addAll(List.of(phone, "+998977770002", token, token.substring(token.lastIndexOf('.') + 1)));

            client.echo(token);
            client.post("/activity/heartbeat", "Bearer " + token);
            client.get("/no/such/path", "Bearer " + token);
            TestTokens.invalidAuthorizations(user).values().forEach(authorization -> {
                String credentials = authorization.substring(authorization.indexOf(' ') + 1);
                if (credentials.length() > 8) {
                    secrets.add(credentials);
                }
                client.get(TrackerClient.ECHO, authorization);
                client.post("/activity/heartbeat", authorization);
            });
            long unknown = Integer.MAX_VALUE - 11L;
            kafka.send(TOPIC, List.of(
                    raw(TOPIC, "1", ("{\"user_id\":1,\"phone\":\"+998977770003\",\"occurred_at\":\"bad\"}")
                            .getBytes(StandardCharsets.UTF_8)),
                    raw(TOPIC, "1", "+998977770004 is no JSON".getBytes(StandardCharsets.UTF_8)),
                    event(TOPIC, new ActivityEvent(unknown, "+998977770005", Instant.now()))));
            secrets.addAll(List.of("+998977770003", "+998977770004", "+998977770005"));

            eventually().until(() -> rows.lastActive(user).isPresent());
            awaitAllConsumed();

            assertThat(logs.lines()).as("captured at all").isNotEmpty();
            for (String line : logs.lines()) {
                for (String secret : secrets) {
                    assertThat(line).doesNotContain(secret);
                }
                assertThat(line).doesNotContainPattern("\\+?998\\d{9}");
            }
        }
    }
}
