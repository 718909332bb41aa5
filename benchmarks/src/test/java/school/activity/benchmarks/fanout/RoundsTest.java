package school.activity.benchmarks.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RoundsTest {

    private static final long WINDOW = 5_000_000;

    private static Rounds.FrameSummary frame(int channel, long timestamp, long first, long last) {
        return new Rounds.FrameSummary(channel, timestamp, 10, first, last, 1000);
    }

    @Test
    void aRoundRunsFromItsEarliestTimestampToTheLastReceiptOfItsLastChannel() {
        // Tick at 10 s: students sent first, parents waited behind them; then the same at 20 s.
        List<Rounds.Round> rounds = Rounds.group(List.of(
                frame(2, 10_000_000, 10_400_000, 10_650_000),
                frame(0, 10_000_000, 10_050_000, 10_300_000),
                frame(1, 10_000_100, 10_310_000, 10_320_000),
                frame(0, 20_000_000, 20_050_000, 20_200_000),
                frame(1, 20_000_000, 20_210_000, 20_220_000),
                frame(2, 20_000_000, 20_230_000, 20_500_000)), WINDOW);

        assertThat(rounds).hasSize(2);
        assertThat(rounds.get(0).latencyMicros()).isEqualTo(650_000);
        assertThat(rounds.get(0).hasAll(3)).isTrue();
        assertThat(rounds.get(0).wireBytes()).isEqualTo(3000);
        assertThat(rounds.get(1).startMicros()).isEqualTo(20_000_000);
        assertThat(rounds.get(1).latencyMicros()).isEqualTo(500_000);
        assertThat(rounds.get(1).frames().get(0).spreadMicros()).isEqualTo(150_000);
    }

    @Test
    void framesStampedWhenTheyWentOutStillJoinTheirTicksRound() {
        // A server that stamps each channel's frame after the one before it was sent.
        List<Rounds.Round> rounds = Rounds.group(List.of(
                frame(0, 10_000_000, 10_010_000, 10_200_000),
                frame(1, 10_200_000, 10_210_000, 10_220_000),
                frame(2, 10_220_000, 10_230_000, 10_900_000)), WINDOW);

        assertThat(rounds).singleElement().satisfies(r -> {
            assertThat(r.hasAll(3)).isTrue();
            assertThat(r.latencyMicros()).isEqualTo(900_000);
        });
    }

    @Test
    void aSecondFrameOfAChannelOrAFrameBeyondTheWindowOpensTheNextRound() {
        // Two servers behind a proxy, ticking 2 s apart; then a refresh frame of one channel 7 s later.
        List<Rounds.Round> rounds = Rounds.group(List.of(
                frame(0, 10_000_000, 10_010_000, 10_100_000),
                frame(1, 10_000_000, 10_010_000, 10_100_000),
                frame(2, 10_000_000, 10_010_000, 10_100_000),
                frame(0, 12_000_000, 12_010_000, 12_100_000),
                frame(1, 12_000_000, 12_010_000, 12_100_000),
                frame(2, 12_000_000, 12_010_000, 12_100_000),
                frame(0, 19_000_000, 19_010_000, 19_100_000)), WINDOW);

        assertThat(rounds).extracting(Rounds.Round::startMicros).containsExactly(10_000_000L, 12_000_000L,
                19_000_000L);
        assertThat(rounds).extracting(r -> r.hasAll(3)).containsExactly(true, true, false);
    }

    @Test
    void aRoundBelongsToTheTickItStartsInEvenWhenItsLastFrameIsStampedAfterTheWindow() {
        // Window [10 s, 20 s), 5 s ticks; frames stamped as they were built: the second tick's parents after 20 s.
        List<Rounds.Round> rounds = Rounds.group(List.of(
                frame(0, 9_990_000, 10_000_000, 10_100_000),
                frame(0, 14_900_000, 14_950_000, 15_000_000),
                frame(1, 14_950_000, 15_000_000, 15_100_000),
                frame(2, 15_000_000, 15_100_000, 15_200_000),
                frame(0, 19_900_000, 19_950_000, 20_000_000),
                frame(1, 19_950_000, 20_000_000, 20_100_000),
                frame(2, 20_050_000, 20_100_000, 20_300_000)), WINDOW);

        List<List<Rounds.Round>> byTick = Rounds.byTick(rounds, 10_000_000, 20_000_000, 5_000_000);

        assertThat(byTick).hasSize(2);
        assertThat(byTick.get(0)).singleElement().satisfies(r -> assertThat(r.startMicros()).isEqualTo(14_900_000));
        assertThat(byTick.get(1)).singleElement().satisfies(r -> {
            assertThat(r.hasAll(3)).isTrue();
            assertThat(r.latencyMicros()).isEqualTo(400_000);
        });
        assertThat(Rounds.missing(byTick.get(1), 3, 10)).isZero();
        assertThat(Rounds.missing(byTick.get(1), 3, 12)).isEqualTo(6);
    }
}
