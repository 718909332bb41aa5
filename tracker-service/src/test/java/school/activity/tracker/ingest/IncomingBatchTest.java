package school.activity.tracker.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import school.activity.shared.contract.ActivityEvent;
import school.activity.shared.contract.ActivityEventCodec;

import static org.assertj.core.api.Assertions.assertThat;

class IncomingBatchTest {

    private static final Instant T0 = Instant.parse("2025-09-01T10:30:45.123456Z");
    private static final Instant LATEST_ALLOWED = T0.plusSeconds(3600);

    @Test
    void keepsTheNewestEventPerUserOrderedByUserId() {
        IncomingBatch batch = IncomingBatch.of(List.of(
                record(0, new ActivityEvent(7, null, T0.plusSeconds(3))),
                record(1, new ActivityEvent(3, "+1", T0)),
                record(2, new ActivityEvent(7, null, T0.plusSeconds(1))),
                record(3, new ActivityEvent(3, "+2", T0.plusSeconds(2)))), LATEST_ALLOWED);

        assertThat(batch.latest()).containsExactly(
                new ActivityEvent(3, "+2", T0.plusSeconds(2)), new ActivityEvent(7, null, T0.plusSeconds(3)));
        assertThat(batch.rejected()).isEmpty();
    }

    @Test
    void rejectsWhatCannotBeWrittenWithReasonsThatNeverQuoteTheContent() {
        IncomingBatch batch = IncomingBatch.of(List.of(
                raw(0, "{\"user_id\":5,\"phone\":\"+998901234567\"".getBytes(StandardCharsets.UTF_8)),
                raw(1, null),
                record(2, new ActivityEvent(5, "+998901234567", LATEST_ALLOWED.plusSeconds(1))),
                record(3, new ActivityEvent(5, "+99890\u00001234567", T0)),
                record(4, new ActivityEvent(5, null, Instant.parse("1969-12-31T23:59:59Z"))),
                record(5, new ActivityEvent(6, null, T0))), LATEST_ALLOWED);

        assertThat(batch.latest()).containsExactly(new ActivityEvent(6, null, T0));
        assertThat(batch.rejected()).extracting(rejected -> rejected.record().offset()).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(batch.rejected()).allSatisfy(rejected ->
                assertThat(rejected.reason()).isNotBlank().doesNotContain("998").doesNotContain("1234567"));
    }

    private static ConsumerRecord<String, byte[]> record(long offset, ActivityEvent event) {
        return raw(offset, ActivityEventCodec.encode(event));
    }

    private static ConsumerRecord<String, byte[]> raw(long offset, byte[] value) {
        return new ConsumerRecord<>("user-activity", 0, offset, "5", value);
    }
}
