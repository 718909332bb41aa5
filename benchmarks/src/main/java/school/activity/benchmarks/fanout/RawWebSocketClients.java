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

/**
 * Thousands of minimal WebSocket clients (RFC 6455) on a few NIO selector threads. A client keeps no message: it
 * skips the payload and remembers only its length and last bytes (where the frame's {@code timestamp} is), answers
 * pings and notes how it ended. So the clients cost little CPU next to the server they measure, unlike clients that
 * decode every message into characters. One client per server and channel can capture a whole message.
 */
public final class RawWebSocketClients implements AutoCloseable {

    /** Bytes kept from the end of each message: enough for {@code "timestamp":"…","total_users":…}. */
    public static final int TAIL = 160;
    private static final int READ_BUFFER = 1 << 20;
    private static final int HEAD_LIMIT = 8192;
    private static final byte OP_CONTINUATION = 0, OP_TEXT = 1, OP_BINARY = 2, OP_CLOSE = 8, OP_PING = 9;

    /** Receives every complete data message, on a selector thread. */
    public interface MessageListener {
        void onMessage(Client client, long receivedMicros, long bytes, byte[] tail, int tailLength);
    }

    private final List<Loop> loops = new ArrayList<>();
    private final List<Client> clients = new ArrayList<>();
    private final MessageListener listener;
    private final Semaphore handshakesInFlight;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();

    public RawWebSocketClients(int threads, int maxHandshakesInFlight, MessageListener listener) throws IOException {
        this.listener = listener;
        this.handshakesInFlight = new Semaphore(maxHandshakesInFlight);
        for (int i = 0; i < threads; i++) {
            Loop loop = new Loop(i);
            loops.add(loop);
            loop.thread.start();
        }
    }

    /**
     * Starts one connection; blocks only while too many handshakes are in flight, until the deadline
     * ({@link System#nanoTime()}), after which it gives up and returns null.
     */
    public Client connect(String host, int port, String path, String authorization, int channel, boolean capture,
            long deadlineNanos) throws IOException, InterruptedException {
        if (!handshakesInFlight.tryAcquire(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            return null;
        }
        Client client = new Client(channel, capture, request(host, port, path, authorization));
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

    private static ByteBuffer request(String host, int port, String path, String authorization) {
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key) + "\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
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

    /** One connection and its frame parser state; touched only by its loop's thread. */
    public final class Client {
        private final int channel;
        private final ByteBuffer request;
        private SocketChannel socket;
        private Loop loop;
        private volatile State state = State.CONNECTING;
        private final byte[] head = new byte[HEAD_LIMIT];
        private int headLength;
        private final byte[] header = new byte[14];
        private int headerHave;
        private int headerNeed = 2;
        private boolean inHeader = true;
        private int opcode;
        private boolean fin;
        private long payloadLeft;
        private long frameLength;
        private long messageBytes;
        private final byte[] tail = new byte[TAIL];
        private int tailLength;
        private final byte[] control = new byte[125];
        private int controlLength;
        private ByteArrayOutputStream capture;
        private volatile byte[] captured;

        private Client(int channel, boolean capture, ByteBuffer request) {
            this.channel = channel;
            this.request = request;
            this.capture = capture ? new ByteArrayOutputStream() : null;
        }

        public int channel() {
            return channel;
        }

        /** The first whole message of a capturing client, or null. */
        public byte[] captured() {
            return captured;
        }

        private void process(ByteBuffer in) {
            while (in.hasRemaining() && state == State.OPEN) {
                if (inHeader) {
                    readHeader(in);
                } else {
                    readPayload(in);
                }
            }
        }

        private void readHeader(ByteBuffer in) {
            while (in.hasRemaining() && headerHave < headerNeed) {
                header[headerHave++] = in.get();
                if (headerHave == 2) {
                    int len7 = header[1] & 0x7f;
                    headerNeed = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + ((header[1] & 0x80) != 0 ? 4 : 0);
                }
            }
            if (headerHave < headerNeed) {
                return;
            }
            fin = (header[0] & 0x80) != 0;
            opcode = header[0] & 0x0f;
            int len7 = header[1] & 0x7f;
            long length = len7;
            if (len7 == 126) {
                length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
            } else if (len7 == 127) {
                length = 0;
                for (int i = 2; i < 10; i++) {
                    length = (length << 8) | (header[i] & 0xff);
                }
            }
            frameLength = length;
            payloadLeft = length;
            inHeader = false;
            headerHave = 0;
            headerNeed = 2;
            controlLength = 0;
            if (payloadLeft == 0) {
                frameDone();
            }
        }

        private void readPayload(ByteBuffer in) {
            int n = (int) Math.min(in.remaining(), payloadLeft);
            int at = in.position();
            if (opcode >= OP_CLOSE) {
                int k = Math.min(n, control.length - controlLength);
                in.get(at, control, controlLength, k);
                controlLength += k;
            } else {
                keepTail(in, at, n);
                if (capture != null) {
                    byte[] chunk = new byte[n];
                    in.get(at, chunk, 0, n);
                    capture.writeBytes(chunk);
                }
            }
            in.position(at + n);
            payloadLeft -= n;
            if (payloadLeft == 0) {
                frameDone();
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

        private void frameDone() {
            inHeader = true;
            switch (opcode) {
                case OP_TEXT, OP_BINARY, OP_CONTINUATION -> {
                    messageBytes += frameLength;
                    if (fin) {
                        listener.onMessage(this, nowMicros(), messageBytes, tail, tailLength);
                        if (capture != null) {
                            captured = capture.toByteArray();
                            capture = null;
                        }
                        messageBytes = 0;
                        tailLength = 0;
                    }
                }
                case OP_CLOSE -> {
                    int code = controlLength >= 2 ? ((control[0] & 0xff) << 8) | (control[1] & 0xff) : 1005;
                    ended(this, "close " + code);
                }
                case OP_PING -> pong();
                default -> {
                    // pongs and reserved opcodes: nothing to do
                }
            }
        }

        /** A masked pong with the ping's payload (a zero mask is valid and leaves the payload as it is). */
        private void pong() {
            ByteBuffer frame = ByteBuffer.allocate(6 + controlLength);
            frame.put((byte) 0x8a).put((byte) (0x80 | controlLength)).putInt(0).put(control, 0, controlLength).flip();
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
                    String status = new String(head, 0, Math.min(headLength, 12), StandardCharsets.US_ASCII);
                    if (status.startsWith("HTTP/1.1 101")) {
                        state = State.OPEN;
                        open.incrementAndGet();
                        handshakesInFlight.release();
                    } else {
                        ended(this, "http " + status.substring(Math.min(9, status.length())).trim());
                    }
                }
            }
            process(in);
        }
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
