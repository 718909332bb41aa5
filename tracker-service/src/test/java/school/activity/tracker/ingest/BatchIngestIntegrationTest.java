package school.activity.tracker.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.support.KafkaHeaders;

import school.activity.shared.contract.ActivityEvent;
import school.activity.shared.contract.ActivityEventCodec;
import school.activity.tracker.TrackerIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static school.activity.tracker.KafkaProbe.event;
import static school.activity.tracker.KafkaProbe.raw;

/** Records written straight to the topic, as any producer could: what the consumer makes of them. */
class BatchIngestIntegrationTest extends TrackerIntegrationTest {

    private static final Instant T0 = Instant.parse("2025-09-01T10:30:45.123456Z");

    @Autowired
    private ActivityUpsertRepository repository;

    @Test
    void eventsOutOfOrderKeepTheNewestTime() {
        long inBatch = rows.seedUser("+998930000001");
        long acrossBatches = rows.seedUser("+998930000002");

        // Newer first, then older: in one batch, and in two batches the consumer handles one after the other.
        kafka.send(TOPIC, List.of(
                event(TOPIC, new ActivityEvent(inBatch, null, T0.plusSeconds(10))),
                event(TOPIC, new ActivityEvent(inBatch, null, T0)),
                event(TOPIC, new ActivityEvent(acrossBatches, null, T0.plusSeconds(20)))));
        awaitAllConsumed();
        kafka.send(TOPIC, List.of(event(TOPIC, new ActivityEvent(acrossBatches, null, T0.plusSeconds(5)))));
        awaitAllConsumed();

        assertThat(rows.lastActive(inBatch)).contains(T0.plusSeconds(10));
        assertThat(rows.lastActive(acrossBatches)).contains(T0.plusSeconds(20));
    }

    @Test
    void aBatchWithAnUnknownUserLandsEveryKnownUserAndDeadLettersTheUnknownOneForReplay() {
        long first = rows.seedUser("+998930000003");
        long second = rows.seedUser("+998930000004");
        long unknown = Integer.MAX_VALUE - 7L;
        double unknownBefore = count("activity.tracker.users.unknown");
        String dlt = TOPIC + "-dlt";
        int deadLettersBefore = kafka.readAll(dlt).size();
        ActivityEvent unknownNewest = new ActivityEvent(unknown, "+998930000099", T0.plusSeconds(2));

        kafka.send(TOPIC, List.of(
                event(TOPIC, new ActivityEvent(first, "+998930000033", T0)),
                event(TOPIC, new ActivityEvent(unknown, "+998930000099", T0)),
                event(TOPIC, unknownNewest),
                event(TOPIC, new ActivityEvent(second, null, T0.plusSeconds(1)))));

        eventually().untilAsserted(() -> {
            assertThat(rows.row(first)).hasValueSatisfying(row -> {
                assertThat(row.lastActive()).isEqualTo(T0);
                assertThat(row.phone()).isEqualTo("+998930000033");
            });
            assertThat(rows.row(second)).hasValueSatisfying(row -> {
                assertThat(row.lastActive()).isEqualTo(T0.plusSeconds(1));
                assertThat(row.phone()).isEqualTo("+998930000004");
            });
            assertThat(count("activity.tracker.users.unknown")).isEqualTo(unknownBefore + 1);
        });
        assertThat(rows.row(unknown)).isEmpty();
        // The user's newest event, unchanged, so it can be replayed once the user exists.
        eventually().untilAsserted(() -> assertThat(kafka.readAll(dlt)).hasSize(deadLettersBefore + 1));
        ConsumerRecord<String, byte[]> letter = kafka.readAll(dlt).get(deadLettersBefore);
        assertThat(text(letter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("unknown_user");
        assertThat(letter.key()).isEqualTo(Long.toString(unknown));
        assertThat(ActivityEventCodec.decode(letter.value())).isEqualTo(unknownNewest);
        assertThat(text(letter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).contains(TOPIC);
    }

    @Test
    void oneUpsertWritesKnownUsersAndNamesUnknownOnesInTheSameRoundTrip() {
        long first = rows.seedUser("+998930000005");
        long second = rows.seedUser("+998930000006");

        ActivityUpsertRepository.UpsertResult result = repository.upsert(List.of(
                new ActivityEvent(first, null, T0),
                new ActivityEvent(Integer.MAX_VALUE - 3L, null, T0),
                new ActivityEvent(3_000_000_000L, null, T0),
                new ActivityEvent(second, null, T0)));

        assertThat(result).isEqualTo(new ActivityUpsertRepository.UpsertResult(2,
                List.of(Integer.MAX_VALUE - 3L, 3_000_000_000L)));
        assertThat(rows.lastActive(first)).contains(T0);
        assertThat(rows.lastActive(second)).contains(T0);
    }

    @Test
    void anOlderEventWritesNothingAndTimesKeepEveryMicrosecond() {
        long user = rows.seedUser("+998930000007");
        // Far from the epoch and with all six fraction digits set: no rounding, no time-zone shift.
        Instant precise = Instant.parse("2031-12-31T23:59:59.999999Z");

        assertThat(repository.upsert(List.of(new ActivityEvent(user, null, precise))).written()).isEqualTo(1);
        assertThat(repository.upsert(List.of(new ActivityEvent(user, "+998930000077", precise.minusNanos(1000))))
                .written()).isZero();
        assertThat(repository.upsert(List.of(new ActivityEvent(user, null, precise))).written()).isZero();

        assertThat(rows.row(user)).hasValueSatisfying(row -> {
            assertThat(row.lastActive()).isEqualTo(precise);
            assertThat(row.phone()).isEqualTo("+998930000007");
        });
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndValidRecordsAfterThemStillLand() {
        long before = rows.seedUser("+998930000008");
        long after = rows.seedUser("+998930000009");
        String dlt = TOPIC + "-dlt";
        int deadLettersBefore = kafka.readAll(dlt).size();
        byte[] futureWithPhone = ("{\"user_id\":" + after + ",\"phone\":\"+998930000088\",\"occurred_at\":\""
                + Instant.now().plus(1, ChronoUnit.DAYS) + "\"}").getBytes(StandardCharsets.UTF_8);

        kafka.send(TOPIC, List.of(
                event(TOPIC, new ActivityEvent(before, null, T0)),
                raw(TOPIC, Long.toString(after), "not json +998930000088".getBytes(StandardCharsets.UTF_8)),
                raw(TOPIC, Long.toString(after), "{\"user_id\":-1,\"occurred_at\":\"2025-09-01T10:30:45Z\"}"
                        .getBytes(StandardCharsets.UTF_8)),
                raw(TOPIC, Long.toString(after), new byte[0]),
                raw(TOPIC, Long.toString(after), futureWithPhone),
                event(TOPIC, new ActivityEvent(after, null, T0.plusSeconds(1)))));

        eventually().untilAsserted(() -> {
            assertThat(rows.lastActive(before)).contains(T0);
            assertThat(rows.lastActive(after)).contains(T0.plusSeconds(1));
        });
        eventually().untilAsserted(() -> assertThat(kafka.readAll(dlt)).hasSize(deadLettersBefore + 4));
        List<ConsumerRecord<String, byte[]>> deadLetters = kafka.readAll(dlt);
        for (ConsumerRecord<String, byte[]> letter : deadLetters.subList(deadLettersBefore, deadLetters.size())) {
            String reason = text(letter, KafkaHeaders.DLT_EXCEPTION_MESSAGE).orElseThrow();
            assertThat(reason).isNotBlank().doesNotContain("+998930000088").doesNotContain("998");
            assertThat(text(letter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).contains(TOPIC);
            assertThat(header(letter, KafkaHeaders.DLT_ORIGINAL_PARTITION)).isPresent();
            assertThat(header(letter, KafkaHeaders.DLT_ORIGINAL_OFFSET)).isPresent();
        }
        assertThat(deadLetters.subList(deadLettersBefore, deadLetters.size()))
                .extracting(letter -> text(letter, KafkaHeaders.DLT_EXCEPTION_MESSAGE).orElseThrow())
                .anySatisfy(reason -> assertThat(reason).contains("future"))
                .anySatisfy(reason -> assertThat(reason).contains("empty"));
        assertThat(count("activity.tracker.events.dead.lettered")).isGreaterThanOrEqualTo(4);
        // The original position is kept, so the dead letter can be traced back to its place in the topic.
        ConsumerRecord<String, byte[]> firstLetter = deadLetters.get(deadLettersBefore);
        long offset = ByteBuffer.wrap(header(firstLetter, KafkaHeaders.DLT_ORIGINAL_OFFSET).orElseThrow()).getLong();
        assertThat(offset).isNotNegative();
    }

    private static Optional<byte[]> header(ConsumerRecord<String, byte[]> record, String name) {
        return Optional.ofNullable(record.headers().lastHeader(name)).map(Header::value);
    }

    private static Optional<String> text(ConsumerRecord<String, byte[]> record, String name) {
        return header(record, name).map(value -> new String(value, StandardCharsets.UTF_8));
    }
}
