package school.activity.broadcaster.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import school.activity.broadcaster.FastTickBroadcasterTest;
import school.activity.broadcaster.support.DeltaPicture;
import school.activity.broadcaster.support.ExtraInstance;
import school.activity.broadcaster.support.RawWebSocket;
import school.activity.broadcaster.support.WsClient;
import school.activity.shared.contract.Role;

class DeltaResyncTest extends FastTickBroadcasterTest {

    /** Frames far larger than the socket buffers between server and a client that stops reading. */
    private static final int TEACHERS = 400;
    private static final int NAME_LENGTH = 1000;
    private static final int MAX_MESSAGES = 1000;
    private static final String MARKER = "resync-";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aDeltaSessionThatMissedATickGetsTheFullSnapshotWithAGreaterSeqNext() throws Exception {
        for (int i = 0; i < TEACHERS; i++) {
            school.addUser(Role.TEACHER, MARKER + i + " " + "r".repeat(NAME_LENGTH));
        }
        school.jdbc().update("""
                INSERT INTO user_activity (user_id, phone, last_active)
                SELECT id, phone, now() AT TIME ZONE 'utc' FROM users WHERE full_name LIKE ?
                ON CONFLICT (user_id) DO NOTHING
                """, MARKER + "%");
        // A send time limit long enough that the stalled session waits for its reader instead of being dropped.
        try (ExtraInstance instance = ExtraInstance.start("fast-ticks", databaseUrl, "activity.ws.send-time-limit=60s");
             RawWebSocket stalled = RawWebSocket.handshake(instance.port(), Role.TEACHER.path() + "?mode=delta",
                     Map.of(), 4096)) {
            assertThat(stalled.status()).isEqualTo(101);
            MeterRegistry meters = instance.context().getBean(MeterRegistry.class);

            // The client reads nothing while every tick's delta carries all those teachers (their activity moves on
            // each poll): the socket buffers fill, the connection stays above its high-water mark and the server
            // skips the next tick for this session. That tick is missed: the next frame it gets is a full snapshot.
            await().atMost(WsClient.WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
                school.jdbc().update("""
                        UPDATE user_activity a SET last_active = now() AT TIME ZONE 'utc'
                        FROM users u WHERE u.id = a.user_id AND u.full_name LIKE ?
                        """, MARKER + "%");
                return skipped(meters) > 0;
            });

            DeltaPicture picture = new DeltaPicture();
            JsonNode first = JSON.readTree(stalled.readTextMessage());
            assertThat(first.get("type").asString()).isEqualTo("teacher_activity_update");
            picture.apply(first);
            JsonNode resync = null;
            for (int i = 0; i < MAX_MESSAGES && resync == null; i++) {
                JsonNode message = JSON.readTree(stalled.readTextMessage());
                long held = picture.seq();
                picture.apply(message); // asserts every delta's base is the picture held
                if (message.get("type").asString().equals("teacher_activity_update")) {
                    resync = message;
                    assertThat(message.get("seq").asLong()).isGreaterThan(held + 1);
                }
            }
            assertThat(resync).as("a full snapshot after the missed tick").isNotNull();
            assertThat(resync.get("data").size()).isEqualTo(resync.get("total_users").asInt());
            assertThat(resyncs(meters)).isPositive();
        }
    }

    private static double skipped(MeterRegistry meters) {
        Counter counter = meters.find("activity.ws.frames.skipped").tag("channel", "teachers").counter();
        return counter == null ? 0 : counter.count();
    }

    private static double resyncs(MeterRegistry meters) {
        Counter counter = meters.find("activity.ws.delta.resyncs").tag("channel", "teachers").counter();
        return counter == null ? 0 : counter.count();
    }
}
