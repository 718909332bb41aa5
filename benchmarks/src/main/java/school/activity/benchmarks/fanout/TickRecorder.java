package school.activity.benchmarks.fanout;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import school.activity.benchmarks.support.Percentiles;

/**
 * Receipts per frame: each message's {@code timestamp} (when the server started the tick's frame; same host, same
 * clock) against the moment its last byte arrived. Frames are grouped into ticks by the measurement window.
 */
final class TickRecorder implements RawWebSocketClients.MessageListener {

    private static final String TIMESTAMP_FIELD = "\"timestamp\":\"";

    private final Map<Long, Frame> frames = new ConcurrentHashMap<>();
    private volatile long unparsable;

    /** One frame of one channel and its receipts (latency in microseconds). */
    static final class Frame {
        final int channel;
        final long timestampMicros;
        long bytes;
        private long[] latencies = new long[1024];
        private int count;

        Frame(int channel, long timestampMicros) {
            this.channel = channel;
            this.timestampMicros = timestampMicros;
        }

        synchronized void add(long latencyMicros, long messageBytes) {
            if (count == latencies.length) {
                latencies = java.util.Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = latencyMicros;
            bytes = messageBytes;
        }

        synchronized long[] latencies() {
            return java.util.Arrays.copyOf(latencies, count);
        }

        synchronized int count() {
            return count;
        }
    }

    @Override
    public void onMessage(RawWebSocketClients.Client client, long receivedMicros, long bytes, byte[] tail,
            int tailLength) {
        String end = new String(tail, 0, tailLength, StandardCharsets.ISO_8859_1);
        int at = end.lastIndexOf(TIMESTAMP_FIELD);
        int close = at < 0 ? -1 : end.indexOf('"', at + TIMESTAMP_FIELD.length());
        if (close < 0) {
            unparsable++;
            return;
        }
        Instant timestamp = Instant.parse(end.substring(at + TIMESTAMP_FIELD.length(), close));
        long micros = timestamp.getEpochSecond() * 1_000_000 + timestamp.getNano() / 1_000;
        frames.computeIfAbsent(micros * 4 + client.channel(), k -> new Frame(client.channel(), micros))
                .add(receivedMicros - micros, bytes);
    }

    /** Messages received so far. */
    long receipts() {
        return frames.values().stream().mapToLong(Frame::count).sum();
    }

    long unparsable() {
        return unparsable;
    }

    /** The frames whose timestamps fall in [from, to), by tick index (frames of one tick share an index). */
    Map<Integer, List<Frame>> ticks(long fromMicros, long toMicros, long intervalMicros) {
        Map<Integer, List<Frame>> ticks = new TreeMap<>();
        for (Frame frame : frames.values()) {
            if (frame.timestampMicros >= fromMicros && frame.timestampMicros < toMicros) {
                int index = (int) ((frame.timestampMicros - fromMicros) / intervalMicros);
                ticks.computeIfAbsent(index, i -> new ArrayList<>()).add(frame);
            }
        }
        return ticks;
    }

    static Percentiles latencies(List<Frame> frames) {
        int n = frames.stream().mapToInt(Frame::count).sum();
        long[] all = new long[n];
        int i = 0;
        for (Frame frame : frames) {
            long[] l = frame.latencies();
            System.arraycopy(l, 0, all, i, l.length);
            i += l.length;
        }
        return new Percentiles(java.util.Arrays.copyOf(all, i));
    }
}
