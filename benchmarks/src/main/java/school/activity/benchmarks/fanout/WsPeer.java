package school.activity.benchmarks.fanout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import school.activity.testinfra.TokenIssuer;

/** The Node.js {@code ws} peer (benchmarks/ws-peer/peer.js) as a child process, and what the clients need. */
public final class WsPeer implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofSeconds(30);

    private final Process node;

    private WsPeer(Process node) {
        this.node = node;
    }

    /** Starts the peer (no compression) and returns once it accepts connections. */
    public static WsPeer start(Path script, int port, int intervalSeconds, Path payloads, Path log)
            throws IOException, InterruptedException {
        return start(script, port, intervalSeconds, payloads, false, log);
    }

    /**
     * Starts the peer and returns once it accepts connections. {@code payloads} holds {@code <channel>-<n>.json}
     * files, sent in name order, one per tick, round and round; with {@code deflate} the peer accepts
     * permessage-deflate ({@code ws}'s {@code perMessageDeflate}: it compresses per client).
     */
    public static WsPeer start(Path script, int port, int intervalSeconds, Path payloads, boolean deflate, Path log)
            throws IOException, InterruptedException {
        Process node = new ProcessBuilder("node", script.toString(), Integer.toString(port),
                Integer.toString(intervalSeconds), payloads.toString(), deflate ? "deflate" : "plain")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        WsPeer peer = new WsPeer(node);
        try {
            awaitPort(port);
            return peer;
        } catch (IOException | InterruptedException e) {
            peer.close();
            throw e;
        }
    }

    public long pid() {
        return node.pid();
    }

    /** The installed Node.js version, for the report. */
    public static String nodeVersion() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return version;
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    /** A token the broadcaster admits on every channel, minted from {@code ACTIVITY_JWT_SECRET}. */
    public static String adminToken() {
        return TokenIssuer.hmac(System.getenv("ACTIVITY_JWT_SECRET"))
                .issue(1, "admin", null, Duration.ofHours(2));
    }

    private static void awaitPort(int port) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        node.destroy();
        if (!node.waitFor(10, TimeUnit.SECONDS)) {
            node.destroyForcibly();
        }
    }
}
