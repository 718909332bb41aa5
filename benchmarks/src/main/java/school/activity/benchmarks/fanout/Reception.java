package school.activity.benchmarks.fanout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.DataFormatException;

import school.activity.shared.contract.Role;
import tools.jackson.databind.JsonNode;

/**
 * Where the clients' messages go during one measured run. Every message is counted for its frame in the
 * {@link TickRecorder}: by the timestamp read from its first and last bytes, or, when it came compressed, by its
 * arrival time. The clients that keep their messages (a sample per channel) have each message decoded (inflated
 * when compressed) and checked by {@link MessageCheck} on a thread of its own, away from the selector threads. The
 * first such client of each channel also keeps its decoded messages (the payloads the {@code ws} peer sends) and its
 * picture after each message. Reference clients (channel index {@code + channels}: a seed-mode client beside delta
 * clients) are checked and their pictures kept, but not counted.
 */
final class Reception implements RawWebSocketClients.Receiver, AutoCloseable {

    private static final int PAYLOADS_KEPT = 16;

    private final TickRecorder recorder;
    private final Role[] roles;
    private final ExecutorService checker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "message-check");
        t.setDaemon(true);
        return t;
    });
    private final Map<RawWebSocketClients.Client, MessageCheck> checks = new ConcurrentHashMap<>();
    private final AtomicReferenceArray<RawWebSocketClients.Client> keepers;
    private final List<List<byte[]>> payloads = new ArrayList<>();
    /** Per channel: the kept picture of its first sampled client, and of its reference client, by frame timestamp. */
    private final List<Map<Long, Map<Long, JsonNode>>> sampledPictures = new ArrayList<>();
    private final List<Map<Long, Map<Long, JsonNode>>> referencePictures = new ArrayList<>();
    private final LongAdder messages = new LongAdder();
    private final LongAdder compressed = new LongAdder();
    private final LongAdder decodedFull = new LongAdder();
    private final LongAdder decodedDelta = new LongAdder();
    private final LongAdder unstamped = new LongAdder();
    private final LongAdder notInflated = new LongAdder();
    private final LongAdder inflateErrors = new LongAdder();
    private final LongAdder decodedSampled = new LongAdder();

    Reception(TickRecorder recorder, Role[] roles) {
        this.recorder = recorder;
        this.roles = roles;
        this.keepers = new AtomicReferenceArray<>(roles.length);
        for (int c = 0; c < roles.length; c++) {
            payloads.add(java.util.Collections.synchronizedList(new ArrayList<>()));
            sampledPictures.add(new ConcurrentHashMap<>());
            referencePictures.add(new ConcurrentHashMap<>());
        }
    }

    @Override
    public void received(RawWebSocketClients.Client client, RawWebSocketClients.Received m) {
        int channel = client.channel() % roles.length;
        boolean reference = client.channel() >= roles.length;
        if (!reference) {
            messages.increment();
            if (m.compressed()) {
                compressed.increment();
                if (m.whole() == null) {
                    notInflated.increment();
                    recorder.unstamped(channel, m.receivedMicros(), m.wireBytes());
                }
            } else {
                count(channel, MessageFields.timestampMicros(m.head(), m.headLength(), m.tail(), m.tailLength()),
                        MessageFields.type(m.head(), m.headLength()), m.receivedMicros(), m.wireBytes());
            }
        }
        if (m.whole() != null) {
            checker.execute(() -> inspect(client, channel, reference, m));
        }
    }

    /** Counts a readable message for its frame and its kind. */
    private void count(int channel, long timestamp, String type, long received, long wire) {
        if (timestamp == MessageFields.NO_TIMESTAMP) {
            unstamped.increment();
            recorder.unstamped(channel, received, wire);
        } else {
            recorder.stamped(channel, timestamp, received, wire);
        }
        (MessageFields.isDelta(type) ? decodedDelta : decodedFull).increment();
    }

    private void inspect(RawWebSocketClients.Client client, int channel, boolean reference,
            RawWebSocketClients.Received m) {
        byte[] text;
        try {
            text = m.compressed() ? client.inflate(m.whole()) : m.whole();
        } catch (DataFormatException | RuntimeException e) {
            inflateErrors.increment();
            return;
        }
        byte[] head = Arrays.copyOf(text, Math.min(text.length, RawWebSocketClients.HEAD));
        byte[] tail = Arrays.copyOfRange(text, Math.max(0, text.length - RawWebSocketClients.TAIL), text.length);
        long timestamp = MessageFields.timestampMicros(head, head.length, tail, tail.length);
        if (timestamp == MessageFields.NO_TIMESTAMP) {
            // A format with the timestamp in its middle: the whole text is at hand here.
            timestamp = MessageFields.timestampMicros(text, text.length);
        }
        if (m.compressed() && !reference) {
            count(channel, timestamp, MessageFields.type(head, head.length), m.receivedMicros(), m.wireBytes());
        }
        decodedSampled.increment();
        MessageCheck check = checks.computeIfAbsent(client, c -> new MessageCheck(roles[channel]));
        MessageCheck.Kind kind = check.accept(text);
        if (reference) {
            if (kind != MessageCheck.Kind.INVALID) {
                referencePictures.get(channel).put(timestamp, check.picture());
            }
            return;
        }
        keepers.compareAndSet(channel, null, client);
        if (keepers.get(channel) == client) {
            if (kind == MessageCheck.Kind.FULL && payloads.get(channel).size() < PAYLOADS_KEPT) {
                payloads.get(channel).add(text);
            }
            if (kind != MessageCheck.Kind.INVALID) {
                sampledPictures.get(channel).put(timestamp, check.picture());
            }
        }
    }

    /** Waits until every message handed to the checker so far has been checked (at most the timeout). */
    void drain(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            checker.submit(() -> { }).get(timeout, unit);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            System.out.println("  message checks still running after " + timeout + " " + unit);
        }
    }

    /** The full snapshots of each channel's first sampled client, in order (the ws peer's payloads). */
    List<List<byte[]>> payloads() {
        return payloads;
    }

    /**
     * Frames for which the first sampled client's picture (after applying deltas) and the reference client's full
     * snapshot are both known, and how many of them differ.
     */
    int[] compareWithReference() {
        int compared = 0;
        int differing = 0;
        for (int c = 0; c < roles.length; c++) {
            for (Map.Entry<Long, Map<Long, JsonNode>> e : sampledPictures.get(c).entrySet()) {
                Map<Long, JsonNode> expected = referencePictures.get(c).get(e.getKey());
                if (expected != null) {
                    compared++;
                    if (!expected.equals(e.getValue())) {
                        differing++;
                    }
                }
            }
        }
        return new int[] {compared, differing};
    }

    /** What the messages were, over every counted client. */
    record Counts(long messages, long compressed, long notInflated, long full, long delta, long unstamped,
            long sampledDecoded,
            long inflateErrors, int checkedConnections, long checkedFull, long checkedFullWithSeq, long checkedDelta,
            long invalid, List<String> errors) {
    }

    Counts counts() {
        long full = 0;
        long withSeq = 0;
        long delta = 0;
        long invalid = 0;
        List<String> errors = new ArrayList<>();
        for (MessageCheck check : checks.values()) {
            full += check.fulls();
            withSeq += check.fullsWithSeq();
            delta += check.deltas();
            invalid += check.invalid();
            check.errors().stream().limit(Math.max(0, 5 - errors.size())).forEach(errors::add);
        }
        return new Counts(messages.sum(), compressed.sum(), notInflated.sum(), decodedFull.sum(), decodedDelta.sum(),
                unstamped.sum(),
                decodedSampled.sum(), inflateErrors.sum(), checks.size(), full, withSeq, delta, invalid, errors);
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }
}
