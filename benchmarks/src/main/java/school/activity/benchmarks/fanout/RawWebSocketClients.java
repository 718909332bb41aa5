package school.activity.benchmarks.fanout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Thousands of minimal WebSocket clients (RFC 6455) on a few NIO selector threads. A client keeps no message unless
 * asked to: it skips the payload and remembers only its length, its first and last bytes (where the frame's
 * {@code type} and {@code timestamp} are), answers pings and notes how it ended. So the clients cost little CPU next
 * to the server they measure, unlike clients that decode every message into characters. A client may offer
 * permessage-deflate (RFC 7692); it then counts compressed bytes and inflates only when asked ({@link Client#inflate}).
 */
public final class RawWebSocketClients implements AutoCloseable {

    /** Bytes kept from the end of each message: enough for {@code "timestamp":"…","total_users":…}. */
    public static final int TAIL = 160;
    /** Bytes kept from the start of each message: enough for a delta's type, seq, base and timestamp. */
    public static final int HEAD = 256;
    private static final int READ_BUFFER = 1 << 20;
    private static final int HEAD_LIMIT = 8192;

    /** Receives every complete data message, on a selector thread. */
    public interface MessageListener {
        void onMessage(Client client, long receivedMicros, long bytes, byte[] tail, int tailLength);
    }

    /** Receives every complete data message with everything the client knows of it, on a selector thread. */
    public interface Receiver {
        void received(Client client, Received message);
    }

    /**
     * One complete data message.
     *
     * @param receivedMicros when its last byte was read (microseconds since the epoch)
     * @param wireBytes      its bytes on the wire: frame headers and payloads of all its frames
     * @param payloadBytes   its payload as sent (compressed when {@code compressed})
     * @param compressed     RSV1 was set (permessage-deflate)
     * @param head           its first payload bytes (valid only during the call)
     * @param tail           its last payload bytes (valid only during the call)
     * @param whole          the whole payload as sent, for a client that keeps its messages; else null
     */
    public record Received(long receivedMicros, long wireBytes, long payloadBytes, boolean compressed, byte[] head,
            int headLength, byte[] tail, int tailLength, byte[] whole) {
    }

    /**
     * How one client connects.
     *
     * @param keepMessages hand every whole message to the receiver ({@link Received#whole()})
     * @param offerDeflate offer permessage-deflate ({@link PerMessageDeflate#OFFER})
     */
    public record Options(boolean keepMessages, boolean offerDeflate) {
    }

    private final List<Loop> loops = new ArrayList<>();
    private final List<Client> clients = new ArrayList<>();
    private final Receiver receiver;
    private final Semaphore handshakesInFlight;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger deflateAgreed = new AtomicInteger();
    private final LongAdder bytesRead = new LongAdder();
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> agreements = new ConcurrentHashMap<>();

    public RawWebSocketClients(int threads, int maxHandshakesInFlight, MessageListener listener) throws IOException {
        this(threads, maxHandshakesInFlight, (Receiver) (client, m) -> listener.onMessage(client, m.receivedMicros(),
                m.payloadBytes(), m.tail(), m.tailLength()));
    }

    public RawWebSocketClients(int threads, int maxHandshakesInFlight, Receiver receiver) throws IOException {
        this.receiver = receiver;
        this.handshakesInFlight = new Semaphore(maxHandshakesInFlight);
        for (int i = 0; i < threads; i++) {
            Loop loop = new Loop(i);
            loops.add(loop);
            loop.thread.start();
        }
    }

    /**
     * Starts one connection; blocks only while too many handshakes are in flight, until the deadline
     * ({@link System#nanoTime()}), after which it gives up and returns null. A capturing client keeps its first
     * message ({@link Client#captured()}).
     */
    public Client connect(String host, int port, String path, String authorization, int channel, boolean capture,
            long deadlineNanos) throws IOException, InterruptedException {
        return connect(host, port, path, authorization, channel, new Options(capture, false), deadlineNanos);
    }

    /** As {@link #connect(String, int, String, String, int, boolean, long)}, with the client's options. */
    public Client connect(String host, int port, String path, String authorization, int channel, Options options,
            long deadlineNanos) throws IOException, InterruptedException {
        if (!handshakesInFlight.tryAcquire(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            return null;
        }
        Client client = new Client(channel, options, request(host, port, path, authorization, options.offerDeflate()));
        synchronized (clients) {
            clients.add(client);
        }
        SocketChannel socket = SocketChannel.open();
        socket.configureBlocking(false);
        socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
        client.socket = socket;
        socket.connect(new InetSocketAddress(host, port));
        Loop loop = loops.get(ThreadLocalRandom.current().nextInt(loops.size()));
        client.loop = loop;
        loop.pending.add(client);
        loop.selector.wakeup();
        return client;
    }

    /** Waits until every handshake started so far has ended (opened or refused), at most the timeout. */
    public boolean awaitHandshakes(int maxHandshakesInFlight, long timeout, TimeUnit unit) throws InterruptedException {
        if (handshakesInFlight.tryAcquire(maxHandshakesInFlight, timeout, unit)) {
            handshakesInFlight.release(maxHandshakesInFlight);
            return true;
        }
        return false;
    }

    public int openConnections() {
        return open.get();
    }

    /** Connections whose server accepted permessage-deflate. */
    public int deflateAgreed() {
        return deflateAgreed.get();
    }

    /** The distinct permessage-deflate parameters servers agreed to. */
    public List<String> agreements() {
        return List.copyOf(new java.util.TreeSet<>(agreements.keySet()));
    }

    /** Every byte read from the sockets so far (handshake answers and frames). */
    public long bytesRead() {
        return bytesRead.sum();
    }

    /** How connections ended or were refused: {@code http 503}, {@code close 1001}, {@code eof}, errors. */
    public Map<String, Integer> outcomes() {
        Map<String, Integer> copy = new java.util.TreeMap<>();
        outcomes.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    @Override
    public void close() {
        synchronized (clients) {
            for (Client client : clients) {
                client.loop.pendingClose.add(client);
            }
        }
        for (Loop loop : loops) {
            loop.stopping = true;
            loop.selector.wakeup();
        }
        for (Loop loop : loops) {
            try {
                loop.thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ByteBuffer request(String host, int port, String path, String authorization, boolean deflate) {
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key) + "\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + (deflate ? "Sec-WebSocket-Extensions: " + PerMessageDeflate.OFFER + "\r\n" : "") + "\r\n";
        return ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
    }

    private void ended(Client client, String outcome) {
        if (client.state == State.CLOSED) {
            return;
        }
        if (client.state == State.OPEN) {
            open.decrementAndGet();
        } else {
            handshakesInFlight.release();
        }
        client.state = State.CLOSED;
        outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
        try {
            client.socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private enum State { CONNECTING, HANDSHAKE, OPEN, CLOSED }

    /** One connection and its reader state; touched only by its loop's thread (except {@link #inflate}). */
    public final class Client implements FrameReader.Handler {
        private final int channel;
        private final ByteBuffer request;
        private final Options options;
        private SocketChannel socket;
        private Loop loop;
        private volatile State state = State.CONNECTING;
        private final byte[] head = new byte[HEAD_LIMIT];
        private int headLength;
        private final FrameReader reader = new FrameReader();
        private volatile PerMessageDeflate.Agreement deflate;
        private PerMessageDeflate.MessageInflater inflater;
        private final byte[] messageHead = new byte[HEAD];
        private int messageHeadLength;
        private final byte[] tail = new byte[TAIL];
        private int tailLength;
        private ByteArrayOutputStream whole;
        private volatile byte[] captured;
        private volatile boolean capturedCompressed;

        private Client(int channel, Options options, ByteBuffer request) {
            this.channel = channel;
            this.options = options;
            this.request = request;
        }

        public int channel() {
            return channel;
        }

        /** What the server accepted of permessage-deflate, or null (not offered, or declined). */
        public PerMessageDeflate.Agreement deflate() {
            return deflate;
        }

        /** The first whole message of a client that keeps its messages (inflated when it came compressed), or null. */
        public byte[] captured() {
            byte[] raw = captured;
            if (raw == null || !capturedCompressed) {
                return raw;
            }
            // The first message of a connection needs no earlier context: a fresh inflater reads it.
            try (PerMessageDeflate.MessageInflater fresh = new PerMessageDeflate.MessageInflater(deflate)) {
                return fresh.inflate(raw, raw.length);
            } catch (java.util.zip.DataFormatException e) {
                return null;
            }
        }

        /**
         * Inflates a compressed message of this connection. With context takeover every message depends on the ones
         * before: call it for each compressed message, in the order they came, from one thread.
         */
        public byte[] inflate(byte[] compressed) throws java.util.zip.DataFormatException {
            if (inflater == null) {
                inflater = new PerMessageDeflate.MessageInflater(deflate);
            }
            return inflater.inflate(compressed, compressed.length);
        }

        private void process(ByteBuffer in) {
            reader.read(in, this);
        }

        @Override
        public void messageBytes(ByteBuffer in, int at, int n) {
            if (messageHeadLength < HEAD) {
                int k = Math.min(n, HEAD - messageHeadLength);
                in.get(at, messageHead, messageHeadLength, k);
                messageHeadLength += k;
            }
            keepTail(in, at, n);
            if (options.keepMessages()) {
                if (whole == null) {
                    whole = new ByteArrayOutputStream();
                }
                byte[] chunk = new byte[n];
                in.get(at, chunk, 0, n);
                whole.writeBytes(chunk);
            }
        }

        @Override
        public void messageEnd(boolean compressed, long wireBytes, long payloadBytes) {
            if (state != State.OPEN) {
                return;
            }
            if (compressed && deflate == null) {
                ended(this, "error compressed message without permessage-deflate");
                return;
            }
            byte[] message = null;
            if (options.keepMessages()) {
                message = whole == null ? new byte[0] : whole.toByteArray();
                whole = null;
                if (captured == null) {
                    capturedCompressed = compressed;
                    captured = message;
                }
            }
            receiver.received(this, new Received(nowMicros(), wireBytes, payloadBytes, compressed, messageHead,
                    messageHeadLength, tail, tailLength, message));
            messageHeadLength = 0;
            tailLength = 0;
        }

        @Override
        public void control(int opcode, byte[] payload, int length) {
            if (opcode == FrameReader.OP_CLOSE) {
                int code = length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                ended(this, "close " + code);
            } else if (opcode == FrameReader.OP_PING) {
                pong(payload, length);
            }
        }

        private void keepTail(ByteBuffer in, int at, int n) {
            if (n >= TAIL) {
                in.get(at + n - TAIL, tail, 0, TAIL);
                tailLength = TAIL;
            } else {
                int keep = Math.min(tailLength, TAIL - n);
                System.arraycopy(tail, tailLength - keep, tail, 0, keep);
                in.get(at, tail, keep, n);
                tailLength = keep + n;
            }
        }

        /** A masked pong with the ping's payload (a zero mask is valid and leaves the payload as it is). */
        private void pong(byte[] payload, int length) {
            ByteBuffer frame = ByteBuffer.allocate(6 + length);
            frame.put((byte) 0x8a).put((byte) (0x80 | length)).putInt(0).put(payload, 0, length).flip();
            try {
                socket.write(frame);
            } catch (IOException e) {
                ended(this, "error " + e.getClass().getSimpleName());
            }
        }

        private void handshake(ByteBuffer in) {
            while (in.hasRemaining() && state == State.HANDSHAKE) {
                if (headLength == head.length) {
                    ended(this, "handshake response too long");
                    return;
                }
                head[headLength++] = in.get();
                if (headLength >= 4 && head[headLength - 1] == '\n' && head[headLength - 2] == '\r'
                        && head[headLength - 3] == '\n' && head[headLength - 4] == '\r') {
                    answered(new String(head, 0, headLength, StandardCharsets.ISO_8859_1));
                }
            }
            if (state == State.OPEN) {
                process(in);
            }
        }

        private void answered(String response) {
            if (!response.startsWith("HTTP/1.1 101")) {
                String status = response.substring(0, Math.min(12, response.length()));
                ended(this, "http " + status.substring(Math.min(9, status.length())).trim());
                return;
            }
            String extensions = headerValues(response, "sec-websocket-extensions");
            java.util.Optional<PerMessageDeflate.Agreement> agreed = PerMessageDeflate.parse(extensions);
            if (agreed.isPresent() && !options.offerDeflate()) {
                ended(this, "error server accepted permessage-deflate that was not offered");
                return;
            }
            deflate = agreed.orElse(null);
            if (deflate != null) {
                deflateAgreed.incrementAndGet();
                agreements.putIfAbsent(deflate.describe(), Boolean.TRUE);
            }
            state = State.OPEN;
            open.incrementAndGet();
            handshakesInFlight.release();
        }
    }

    /** The values of every header line of that name, comma-joined (as HTTP allows), or null. */
    static String headerValues(String response, String name) {
        StringBuilder values = new StringBuilder();
        for (String line : response.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                values.append(values.isEmpty() ? "" : ",").append(line.substring(colon + 1).trim());
            }
        }
        return values.isEmpty() ? null : values.toString();
    }

    private static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    /** One selector thread and its connections. */
    private final class Loop implements Runnable {
        private final Selector selector = Selector.open();
        private final Queue<Client> pending = new ConcurrentLinkedQueue<>();
        private final Queue<Client> pendingClose = new ConcurrentLinkedQueue<>();
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(READ_BUFFER);
        private final Thread thread;
        private volatile boolean stopping;

        Loop(int index) throws IOException {
            thread = new Thread(this, "ws-client-" + index);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            while (true) {
                try {
                    selector.select();
                    for (Client client; (client = pending.poll()) != null; ) {
                        client.socket.register(selector, SelectionKey.OP_CONNECT, client);
                    }
                    for (Client client; (client = pendingClose.poll()) != null; ) {
                        ended(client, "closed by the benchmark");
                    }
                    if (stopping && pending.isEmpty()) {
                        selector.close();
                        return;
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        handle(key, (Client) key.attachment());
                    }
                    selector.selectedKeys().clear();
                } catch (IOException | RuntimeException e) {
                    System.err.println("client loop: " + e);
                }
            }
        }

        private void handle(SelectionKey key, Client client) {
            try {
                if (!key.isValid()) {
                    return;
                }
                if (key.isConnectable()) {
                    client.socket.finishConnect();
                    client.state = State.HANDSHAKE;
                    client.socket.write(client.request);
                    key.interestOps(client.request.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
                } else if (key.isWritable()) {
                    client.socket.write(client.request);
                    if (!client.request.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                } else if (key.isReadable()) {
                    read(client);
                }
            } catch (IOException e) {
                ended(client, "error " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
        }

        private void read(Client client) throws IOException {
            // Drain what the socket has, a buffer at a time, but let other connections run between sockets.
            for (int rounds = 0; rounds < 8 && client.state != State.CLOSED; rounds++) {
                buffer.clear();
                int n = client.socket.read(buffer);
                if (n < 0) {
                    ended(client, client.state == State.OPEN ? "eof" : "eof during handshake");
                    return;
                }
                if (n == 0) {
                    return;
                }
                bytesRead.add(n);
                buffer.flip();
                if (client.state == State.HANDSHAKE) {
                    client.handshake(buffer);
                } else {
                    client.process(buffer);
                }
                if (n < buffer.capacity()) {
                    return;
                }
            }
        }
    }
}
