package school.activity.benchmarks.fanout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import school.activity.benchmarks.support.Percentiles;

/**
 * Receipts per frame. A frame is one message of one channel, known by its {@code timestamp} (same host, same clock
 * as the clients). A receipt whose timestamp the client could not read (a compressed message it does not inflate)
 * is counted for the latest frame of its channel stamped at or before its arrival; the frames are known from the
 * clients that do read them. Thread-safe.
 */
final class TickRecorder {

    private final Map<Long, Frame> frames = new ConcurrentHashMap<>();
    private final Unstamped[] unstamped;

    /** One frame's receipts. */
    private static final class Frame {
        final int channel;
        final long timestampMicros;
        private long[] received = new long[256];
        private int count;
        private long wireBytes;

        Frame(int channel, long timestampMicros) {
            this.channel = channel;
            this.timestampMicros = timestampMicros;
        }

        synchronized void add(long receivedMicros, long bytes) {
            if (count == received.length) {
                received = Arrays.copyOf(received, count * 2);
            }
            received[count++] = receivedMicros;
            wireBytes += bytes;
        }

        synchronized Builder copy() {
            Builder b = new Builder(channel, timestampMicros);
            for (int i = 0; i < count; i++) {
                b.add(received[i], 0);
            }
            b.wireBytes = wireBytes;
            return b;
        }

        synchronized int count() {
            return count;
        }
    }

    /** Receipts without a timestamp of one channel. */
    private static final class Unstamped {
        private long[] received = new long[1024];
        private long[] bytes = new long[1024];
        private int count;

        synchronized void add(long receivedMicros, long wireBytes) {
            if (count == received.length) {
                received = Arrays.copyOf(received, count * 2);
                bytes = Arrays.copyOf(bytes, count * 2);
            }
            received[count] = receivedMicros;
            bytes[count++] = wireBytes;
        }

        synchronized int count() {
            return count;
        }
    }

    /** A frame with every receipt counted for it: latencies from its timestamp, in microseconds. */
    record Recorded(Rounds.FrameSummary summary, long[] latencies) {
    }

    /** Receipts that came before any stamped frame of their channel, and so have none to be counted for. */
    record Snapshot(List<Recorded> frames, long unassigned) {
    }

    TickRecorder(int channels) {
        unstamped = new Unstamped[channels];
        for (int c = 0; c < channels; c++) {
            unstamped[c] = new Unstamped();
        }
    }

    void stamped(int channel, long timestampMicros, long receivedMicros, long wireBytes) {
        frames.computeIfAbsent(timestampMicros * 4 + channel, k -> new Frame(channel, timestampMicros))
                .add(receivedMicros, wireBytes);
    }

    void unstamped(int channel, long receivedMicros, long wireBytes) {
        unstamped[channel].add(receivedMicros, wireBytes);
    }

    /** Messages received so far, stamped or not. */
    long receipts() {
        long n = frames.values().stream().mapToLong(Frame::count).sum();
        for (Unstamped u : unstamped) {
            n += u.count();
        }
        return n;
    }

    /** Every frame so far with its receipts, the unstamped ones counted for their frames. */
    Snapshot snapshot() {
        List<Recorded> out = new ArrayList<>();
        long unassigned = 0;
        for (int c = 0; c < unstamped.length; c++) {
            int channel = c;
            List<Builder> builders = new ArrayList<>(frames.values().stream().filter(f -> f.channel == channel)
                    .map(Frame::copy).toList());
            builders.sort(Comparator.comparingLong(b -> b.timestampMicros));
            long[] stamps = builders.stream().mapToLong(b -> b.timestampMicros).toArray();
            Unstamped u = unstamped[c];
            synchronized (u) {
                for (int i = 0; i < u.count; i++) {
                    int at = floor(stamps, u.received[i]);
                    if (at < 0) {
                        unassigned++;
                    } else {
                        builders.get(at).add(u.received[i], u.bytes[i]);
                    }
                }
            }
            builders.forEach(b -> out.add(b.build()));
        }
        return new Snapshot(out, unassigned);
    }

    /** Index of the last stamp at or before {@code micros}, or -1. */
    private static int floor(long[] stamps, long micros) {
        int at = Arrays.binarySearch(stamps, micros);
        return at >= 0 ? at : -at - 2;
    }

    static Percentiles latencies(List<Recorded> frames) {
        return new Percentiles(frames.stream().flatMapToLong(f -> Arrays.stream(f.latencies())).toArray());
    }

    private static final class Builder {
        final int channel;
        final long timestampMicros;
        long[] latencies = new long[256];
        int count;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long wireBytes;

        Builder(int channel, long timestampMicros) {
            this.channel = channel;
            this.timestampMicros = timestampMicros;
        }

        void add(long receivedMicros, long bytes) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = receivedMicros - timestampMicros;
            first = Math.min(first, receivedMicros);
            last = Math.max(last, receivedMicros);
            wireBytes += bytes;
        }

        Recorded build() {
            return new Recorded(new Rounds.FrameSummary(channel, timestampMicros, count,
                    count == 0 ? timestampMicros : first, count == 0 ? timestampMicros : last, wireBytes),
                    Arrays.copyOf(latencies, count));
        }
    }
}
