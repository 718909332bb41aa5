package school.activity.benchmarks.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

class TickRecorderTest {

    @Test
    void receiptsWithoutATimestampCountForTheLatestFrameOfTheirChannelBeforeThem() {
        TickRecorder recorder = new TickRecorder(2);
        recorder.stamped(0, 1_000, 1_100, 50);
        recorder.stamped(0, 2_000, 2_050, 50);
        recorder.stamped(1, 1_500, 1_600, 70);
        recorder.unstamped(0, 1_900, 40);
        recorder.unstamped(0, 2_300, 40);
        recorder.unstamped(1, 1_400, 60);

        TickRecorder.Snapshot snapshot = recorder.snapshot();
        List<Rounds.FrameSummary> frames = snapshot.frames().stream().map(TickRecorder.Recorded::summary)
                .sorted(Comparator.comparingInt(Rounds.FrameSummary::channel)
                        .thenComparingLong(Rounds.FrameSummary::timestampMicros)).toList();

        assertThat(frames).containsExactly(
                new Rounds.FrameSummary(0, 1_000, 2, 1_100, 1_900, 90),
                new Rounds.FrameSummary(0, 2_000, 2, 2_050, 2_300, 90),
                new Rounds.FrameSummary(1, 1_500, 1, 1_600, 1_600, 70));
        assertThat(snapshot.unassigned()).isEqualTo(1);
        assertThat(recorder.receipts()).isEqualTo(6);
        assertThat(TickRecorder.latencies(snapshot.frames()).max()).isEqualTo(900);
    }

    @Test
    void aSnapshotLeavesTheRecordUnchanged() {
        TickRecorder recorder = new TickRecorder(1);
        recorder.stamped(0, 1_000, 1_100, 50);
        recorder.unstamped(0, 1_200, 40);

        recorder.snapshot();

        assertThat(recorder.snapshot().frames()).singleElement()
                .satisfies(f -> assertThat(f.summary().receipts()).isEqualTo(2));
    }
}
