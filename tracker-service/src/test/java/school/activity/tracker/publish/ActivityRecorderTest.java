package school.activity.tracker.publish;

import java.time.Instant;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import school.activity.shared.contract.ActivityEvent;

import static org.assertj.core.api.Assertions.assertThat;

class ActivityRecorderTest {

    private static final Instant T0 = Instant.parse("2025-09-01T10:30:45.123456Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ActivityRecorder recorder = new ActivityRecorder(registry);

    @Test
    void keepsOneEventPerUserWithTheNewestTimeWhateverTheOrder() {
        recorder.record(new ActivityEvent(1, "+1", T0.plusSeconds(2)));
        recorder.record(new ActivityEvent(1, "+1", T0));
        recorder.record(new ActivityEvent(1, "+1", T0.plusSeconds(1)));
        recorder.record(new ActivityEvent(2, null, T0));

        assertThat(recorder.pendingUsers()).isEqualTo(2);
        assertThat(recorder.drain()).containsExactlyInAnyOrder(
                new ActivityEvent(1, "+1", T0.plusSeconds(2)), new ActivityEvent(2, null, T0));
        assertThat(registry.get("activity.tracker.events.recorded").counter().count()).isEqualTo(4);
        assertThat(registry.get("activity.tracker.events.coalesced").counter().count()).isEqualTo(2);
    }

    @Test
    void drainEmptiesAndLaterEventsWaitForTheNextDrain() {
        recorder.record(new ActivityEvent(1, null, T0));
        assertThat(recorder.drain()).hasSize(1);
        assertThat(recorder.pendingUsers()).isZero();

        recorder.record(new ActivityEvent(1, null, T0.plusSeconds(1)));
        assertThat(recorder.drain()).containsExactly(new ActivityEvent(1, null, T0.plusSeconds(1)));
    }

    @Test
    void restoredEventNeverReplacesANewerOneRecordedMeanwhile() {
        recorder.record(new ActivityEvent(1, null, T0.plusSeconds(5)));

        recorder.restore(new ActivityEvent(1, null, T0));
        recorder.restore(new ActivityEvent(2, null, T0));

        assertThat(recorder.drain()).containsExactlyInAnyOrder(
                new ActivityEvent(1, null, T0.plusSeconds(5)), new ActivityEvent(2, null, T0));
    }

    @Test
    void memoryIsBoundedByDistinctUsersNotByEvents() {
        for (int i = 0; i < 100_000; i++) {
            recorder.record(new ActivityEvent(1 + i % 50, null, T0.plusMillis(i)));
        }

        assertThat(recorder.pendingUsers()).isEqualTo(50);
        assertThat(registry.get("activity.tracker.recorder.pending").gauge().value()).isEqualTo(50);
    }
}
