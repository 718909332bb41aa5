package school.activity.shared.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the Kafka record decoder (fault scenario 8, docs/reliability.md): any value either
 * decodes to a valid event, which encodes back to the same event, or is refused with UndecodableEventException (the
 * consumer dead-letters exactly that). Any other exception would stop the consumer and fails the test.
 */
class ActivityEventCodecFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void decodesOrRefusesWithItsOwnException(byte[] value) {
        ActivityEvent event;
        try {
            event = ActivityEventCodec.decode(value);
        } catch (ActivityEventCodec.UndecodableEventException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(event.userId()).isPositive();
        assertThat(event.occurredAt()).isNotNull();
        assertThat(ActivityEventCodec.decode(ActivityEventCodec.encode(event))).isEqualTo(event);
    }
}
