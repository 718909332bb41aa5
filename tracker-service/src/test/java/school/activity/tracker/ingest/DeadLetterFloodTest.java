package school.activity.tracker.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import school.activity.shared.contract.ActivityEvent;
import school.activity.tracker.TrackerIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static school.activity.tracker.KafkaProbe.event;
import static school.activity.tracker.KafkaProbe.raw;

/**
 * Fault scenario 5 (docs/reliability.md): a flood of undecodable records between valid ones. Every one of them must
 * end in the dead-letter topic (none dropped, none stuck), and the valid events around them must still land.
 */
class DeadLetterFloodTest extends TrackerIntegrationTest {

    private static final int POISON_RECORDS = 10_000;
    private static final int VALID_USERS = 100;
    private static final Instant T0 = Instant.parse("2025-09-01T08:00:00.000001Z");

    // One warning per dead letter is right in production; ten thousand of them would bury the build's output.
    private final Logger deadLetterLog = (Logger) LoggerFactory.getLogger(DeadLetterPublisher.class);
    private Level deadLetterLevel;

    @BeforeEach
    void quietDeadLetterWarnings() {
        deadLetterLevel = deadLetterLog.getLevel();
        deadLetterLog.setLevel(Level.ERROR);
    }

    @AfterEach
    void restoreDeadLetterWarnings() {
        deadLetterLog.setLevel(deadLetterLevel);
    }

    @Test
    void tenThousandUndecodableRecordsAllReachTheDeadLetterTopicAndValidTrafficStillLands() {
        String dlt = TOPIC + "-dlt";
        Set<String> lettersBefore = keys(kafka.readAll(dlt));
        List<Long> users = rows.seedUsers(VALID_USERS, "+99895");
        Random random = new Random(10);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        Set<String> poisonKeys = new HashSet<>();
        for (int i = 0; i < POISON_RECORDS; i++) {
            String key = "poison-" + i;
            poisonKeys.add(key);
            records.add(raw(TOPIC, key, poison(i, random)));
            if (i % (POISON_RECORDS / VALID_USERS) == 0) {
                int user = i / (POISON_RECORDS / VALID_USERS);
                records.add(event(TOPIC, new ActivityEvent(users.get(user), null, T0.plusSeconds(user))));
            }
        }

        kafka.send(TOPIC, records);

        eventually().untilAsserted(() -> {
            Set<String> letters = keys(kafka.readAll(dlt));
            letters.removeAll(lettersBefore);
            assertThat(letters).hasSize(POISON_RECORDS).isEqualTo(poisonKeys);
        });
        awaitAllConsumed();
        for (int user = 0; user < VALID_USERS; user++) {
            assertThat(rows.lastActive(users.get(user))).contains(T0.plusSeconds(user));
        }
    }

    /** Ten kinds of record the decoder must refuse, none of which may stop the consumer. */
    private static byte[] poison(int i, Random random) {
        String text = switch (i % 10) {
            case 0 -> "not json " + i;
            case 1 -> "{\"user_id\":" + i;
            case 2 -> "{\"user_id\":\"abc\",\"occurred_at\":\"2025-09-01T10:00:00Z\"}";
            case 3 -> "{\"user_id\":-" + (i + 1) + ",\"occurred_at\":\"2025-09-01T10:00:00Z\"}";
            case 4 -> "{\"user_id\":99999999999999999999,\"occurred_at\":\"2025-09-01T10:00:00Z\"}";
            case 5 -> "{\"user_id\":1,\"occurred_at\":\"yesterday\"}";
            case 6 -> "{\"user_id\":1}";
            case 7 -> "[]";
            case 8 -> "";
            default -> null;
        };
        if (text != null) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[1 + random.nextInt(256)];
        random.nextBytes(bytes);
        bytes[0] = (byte) 0xff; // never valid UTF-8 JSON
        return bytes;
    }

    private static Set<String> keys(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(ConsumerRecord::key).collect(Collectors.toCollection(HashSet::new));
    }
}
