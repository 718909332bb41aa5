package school.activity.benchmarks.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerdictTest {

    private static final RequestWindow WINDOW = new RequestWindow(1_000, 2_000);
    private static final long NONE = Long.MAX_VALUE;

    @Test
    void aTimeInsideTheWindowIsThatRequest() {
        assertThat(Verdict.of(WINDOW, 1_000L, true, NONE)).isEqualTo(Verdict.EXACT);
        assertThat(Verdict.of(WINDOW, 2_000L, false, NONE)).isEqualTo(Verdict.EXACT);
    }

    @Test
    void anOlderOrMissingTimeIsALoss() {
        assertThat(Verdict.of(WINDOW, 999L, true, NONE)).isEqualTo(Verdict.LOST);
        assertThat(Verdict.of(WINDOW, null, true, NONE)).isEqualTo(Verdict.LOST);
    }

    @Test
    void aNewerTimeCountsOnlyForUsersWhoMaySendAgain() {
        assertThat(Verdict.of(WINDOW, 2_001L, true, NONE)).isEqualTo(Verdict.NEWER);
        assertThat(Verdict.of(WINDOW, 2_001L, false, NONE)).isEqualTo(Verdict.LOST);
    }

    @Test
    void aRequestAnsweredInsideTheAllowedLossWindowMayLag() {
        assertThat(Verdict.of(WINDOW, 500L, true, 2_000)).isEqualTo(Verdict.MAY_LAG);
        assertThat(Verdict.of(WINDOW, 500L, true, 2_001)).isEqualTo(Verdict.LOST);
    }
}
