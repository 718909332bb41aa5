package school.activity.benchmarks.jdkclient;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Settles whether the "Invalid UTF-8 in frame TEXT" errors of {@code java.net.http} WebSocket clients in
 * {@code scripts/bench/tick.sh} come from the broadcaster's bytes or from the client: a server of
 * a few lines, no Tomcat, no broadcaster, answers each handshake and writes ONE text message of {@code x} characters
 * in plain blocking writes; {@code clients} JDK clients on one {@link HttpClient} read it and count what arrives.
 * Any client that ends short, with a wrong character or with an error shows the client losing bytes it was sent.
 * <p>
 * Usage: {@code JdkClientLossCheck [clients=1000] [message-bytes=331904] [wait-seconds=40]}
 */
public final class JdkClientLossCheck {

    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final byte FIN_TEXT = (byte) 0x81;
    /** How long the server keeps a connection open after writing, so the client ends on its own reading. */
    private static final long HOLD_MILLIS = 60_000;

    private JdkClientLossCheck() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 331_904;
        int waitSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        byte[] message = frame(size);
        try (ServerSocket server = new ServerSocket(0, clients, InetAddress.getLoopbackAddress())) {
            daemon(() -> accept(server, message));
            Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
            List<AtomicLong> received = new ArrayList<>();
            CountDownLatch ended = new CountDownLatch(clients);
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/");
            for (int i = 0; i < clients; i++) {
                AtomicLong chars = new AtomicLong();
                received.add(chars);
                http.newWebSocketBuilder().buildAsync(uri, new Counting(size, chars, outcomes, ended))
                        .exceptionally(e -> {
                            outcomes.computeIfAbsent("connect failed", k -> new AtomicInteger()).incrementAndGet();
                            ended.countDown();
                            return null;
                        });
            }
            ended.await(waitSeconds, TimeUnit.SECONDS);
            Map<Long, Integer> shortBy = new TreeMap<>();
            for (AtomicLong chars : received) {
                if (chars.get() != size) {
                    shortBy.merge(size - chars.get(), 1, Integer::sum);
                }
            }
            System.out.printf(Locale.ROOT, "java %s, %d clients, one %d-byte text message each%n",
                    Runtime.version(), clients, size);
            System.out.println("outcomes: " + new TreeMap<>(outcomes));
            System.out.println("clients that did not get every byte, by bytes missing: " + shortBy);
        }
        System.exit(0);
    }

    private static byte[] frame(int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 10);
        out.write(FIN_TEXT);
        if (size < 126) {
            out.write(size);
        } else if (size < 65_536) {
            out.write(126);
            out.write(size >>> 8);
            out.write(size & 0xff);
        } else {
            out.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) size >>> shift) & 0xff);
            }
        }
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) 'x');
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        thread.start();
    }

    private static void accept(ServerSocket server, byte[] message) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                daemon(() -> serve(socket, message));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void serve(Socket socket, byte[] message) {
        try (socket) {
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            String key = "";
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
                    key = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n";
            socket.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(message);
            socket.getOutputStream().flush();
            Thread.sleep(HOLD_MILLIS);
        } catch (IOException | InterruptedException ended) {
            // the run is over or the client went away: nothing to report from the server side
        }
    }

    private static String accept(String key) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts the characters of the one message and checks each is what the server wrote. */
    private static final class Counting implements WebSocket.Listener {
        private final int size;
        private final AtomicLong chars;
        private final Map<String, AtomicInteger> outcomes;
        private final CountDownLatch ended;
        private boolean done;

        Counting(int size, AtomicLong chars, Map<String, AtomicInteger> outcomes, CountDownLatch ended) {
            this.size = size;
            this.chars = chars;
            this.outcomes = outcomes;
            this.ended = ended;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            for (int i = 0; i < data.length(); i++) {
                if (data.charAt(i) != 'x') {
                    end("a character the server never sent");
                    return null;
                }
            }
            chars.addAndGet(data.length());
            if (last) {
                end(chars.get() == size ? "whole message" : "message of the wrong length");
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            Throwable cause = error.getCause() == null ? error : error.getCause();
            end("error: " + cause.getMessage());
        }

        private synchronized void end(String outcome) {
            if (!done) {
                done = true;
                outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                ended.countDown();
            }
        }
    }
}
