package school.activity.benchmarks.fanout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Groups the frames of every channel into rounds: the frames one tick of a server sends on its channels. A round
 * starts at its earliest frame {@code timestamp} (the tick start) and ends at the last receipt of any of its frames,
 * so a channel that waits behind another counts. Frames are taken in timestamp order; a frame joins the open round
 * when it is within the window of the round's start and its channel is not yet in the round, else it opens the next.
 */
final class Rounds {

    private Rounds() {
    }

    /** One frame of one channel and what its clients received (times in microseconds since the epoch). */
    record FrameSummary(int channel, long timestampMicros, int receipts, long firstReceiptMicros,
            long lastReceiptMicros, long wireBytes) {

        /** How long the frame took to reach all its clients: first to last receipt. */
        long spreadMicros() {
            return lastReceiptMicros - firstReceiptMicros;
        }
    }

    /** The frames of one tick. */
    record Round(long startMicros, List<FrameSummary> frames) {

        long lastReceiptMicros() {
            return frames.stream().mapToLong(FrameSummary::lastReceiptMicros).max().orElse(startMicros);
        }

        /** Tick start to the last receipt of the round's last channel. */
        long latencyMicros() {
            return lastReceiptMicros() - startMicros;
        }

        boolean hasAll(int channels) {
            return frames.stream().mapToInt(FrameSummary::channel).distinct().count() == channels;
        }

        long wireBytes() {
            return frames.stream().mapToLong(FrameSummary::wireBytes).sum();
        }
    }

    static List<Round> group(List<FrameSummary> frames, long windowMicros) {
        List<FrameSummary> sorted = new ArrayList<>(frames);
        sorted.sort(Comparator.comparingLong(FrameSummary::timestampMicros).thenComparingInt(FrameSummary::channel));
        List<Round> rounds = new ArrayList<>();
        List<FrameSummary> open = new ArrayList<>();
        long start = 0;
        for (FrameSummary frame : sorted) {
            boolean joins = !open.isEmpty() && frame.timestampMicros() - start < windowMicros
                    && open.stream().noneMatch(f -> f.channel() == frame.channel());
            if (!joins) {
                if (!open.isEmpty()) {
                    rounds.add(new Round(start, List.copyOf(open)));
                }
                open.clear();
                start = frame.timestampMicros();
            }
            open.add(frame);
        }
        if (!open.isEmpty()) {
            rounds.add(new Round(start, List.copyOf(open)));
        }
        return rounds;
    }

    /**
     * The rounds that start in [from, to), by interval since {@code from}: several servers behind a proxy each have
     * a round per tick, at their own moment in the interval.
     */
    static List<List<Round>> byTick(List<Round> rounds, long fromMicros, long toMicros, long intervalMicros) {
        int ticks = (int) ((toMicros - fromMicros + intervalMicros - 1) / intervalMicros);
        List<List<Round>> byTick = new ArrayList<>();
        for (int i = 0; i < ticks; i++) {
            byTick.add(new ArrayList<>());
        }
        for (Round round : rounds) {
            if (round.startMicros() >= fromMicros && round.startMicros() < toMicros) {
                byTick.get((int) ((round.startMicros() - fromMicros) / intervalMicros)).add(round);
            }
        }
        return byTick;
    }

    /** Clients of each channel that got none of the tick's frames of their channel. */
    static long missing(List<Round> tick, int channels, int clientsPerChannel) {
        long missing = 0;
        for (int c = 0; c < channels; c++) {
            int channel = c;
            long received = tick.stream().flatMap(r -> r.frames().stream()).filter(f -> f.channel() == channel)
                    .mapToLong(FrameSummary::receipts).sum();
            missing += Math.max(0, clientsPerChannel - received);
        }
        return missing;
    }
}
