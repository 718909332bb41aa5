package school.activity.broadcaster.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameChoiceTest {

    @Test
    void seedModeSessionsAlwaysGetTheSeedsSnapshot() {
        assertThat(FrameChoice.choose(StreamMode.SNAPSHOT, FrameChoice.NOTHING_HELD, 1)).isEqualTo(FrameChoice.SNAPSHOT);
        assertThat(FrameChoice.choose(StreamMode.SNAPSHOT, 4, 5)).isEqualTo(FrameChoice.SNAPSHOT);
    }

    @Test
    void aDeltaSessionGetsTheDeltaOnlyWhenItHoldsItsBase() {
        assertThat(FrameChoice.choose(StreamMode.DELTA, 41, 42)).isEqualTo(FrameChoice.DELTA);
    }

    @Test
    void aNewDeltaSessionStartsWithTheSnapshotWithSeq() {
        assertThat(FrameChoice.choose(StreamMode.DELTA, FrameChoice.NOTHING_HELD, 1))
                .isEqualTo(FrameChoice.SEQUENCED_SNAPSHOT);
        assertThat(FrameChoice.choose(StreamMode.DELTA, FrameChoice.NOTHING_HELD, 42))
                .isEqualTo(FrameChoice.SEQUENCED_SNAPSHOT);
    }

    @Test
    void aDeltaSessionThatMissedATickGetsTheSnapshotWithSeq() {
        assertThat(FrameChoice.choose(StreamMode.DELTA, 40, 42)).isEqualTo(FrameChoice.SEQUENCED_SNAPSHOT);
        assertThat(FrameChoice.choose(StreamMode.DELTA, 3, 42)).isEqualTo(FrameChoice.SEQUENCED_SNAPSHOT);
    }
}
