package school.activity.benchmarks.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.Deflater;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The clients against a minimal server on a loopback socket that answers the handshake as told and sends frames. */
class RawWebSocketClientsTest {

    private static final String MESSAGE = "{\"type\":\"teacher_activity_update\",\"data\":[],"
            + "\"timestamp\":\"2026-12-01T12:00:00.000000Z\",\"total_users\":0,\"online_users\":0}";

    private final ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    private final AtomicReference<String> request = new AtomicReference<>();
    private final List<RawWebSocketClients.Received> received = new CopyOnWriteArrayList<>();
    private RawWebSocketClients clients;

    RawWebSocketClientsTest() throws IOException {
    }

    @AfterEach
    void close() throws IOException {
        if (clients != null) {
            clients.close();
        }
        server.close();
    }

    /** Answers one handshake with the given extension header line (or none), sends the frames, stays open. */
    private void serve(String extensions, byte[]... frames) {
        Thread thread = new Thread(() -> {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    head.write(in.read());
                }
                request.set(head.toString(StandardCharsets.ISO_8859_1));
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: x\r\n" + (extensions == null ? "" : extensions + "\r\n") + "\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                for (byte[] frame : frames) {
                    out.write(frame);
                }
                out.flush();
                in.read();
            } catch (IOException e) {
                // the test closed the connection
            }
        });
        thread.setDaemon(true);
        thread.start();
    }

    private RawWebSocketClients.Client connect(boolean offer) throws Exception {
        clients = new RawWebSocketClients(1, 10, (RawWebSocketClients.Receiver) (client, m) -> received.add(m));
        RawWebSocketClients.Client client = clients.connect("127.0.0.1", server.getLocalPort(), "/ws/teachers",
                null, 1, new RawWebSocketClients.Options(true, offer),
                System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
        clients.awaitHandshakes(10, 10, TimeUnit.SECONDS);
        return client;
    }

    private static byte[] compressed(String message) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        byte[] payload = PerMessageDeflateTest.compress(deflater, message);
        deflater.end();
        return payload;
    }

    @Test
    void offersDeflateAndInflatesTheCompressedFramesOfAServerThatAgreed() throws Exception {
        byte[] payload = compressed(MESSAGE);
        byte[] compressedFrame = FrameReaderTest.frame(true, true, FrameReader.OP_TEXT, payload);
        serve("Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover", compressedFrame,
                FrameReaderTest.frame(true, false, FrameReader.OP_TEXT, MESSAGE.getBytes(StandardCharsets.UTF_8)));

        RawWebSocketClients.Client client = connect(true);

        await().atMost(10, TimeUnit.SECONDS).until(() -> received.size() == 2);
        assertThat(request.get()).contains("Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits");
        assertThat(client.deflate()).isEqualTo(new PerMessageDeflate.Agreement(true, false, 15));
        assertThat(clients.deflateAgreed()).isEqualTo(1);
        RawWebSocketClients.Received first = received.get(0);
        assertThat(first.compressed()).isTrue();
        assertThat(first.wireBytes()).isEqualTo(compressedFrame.length);
        assertThat(new String(client.inflate(first.whole()), StandardCharsets.UTF_8)).isEqualTo(MESSAGE);
        assertThat(new String(client.captured(), StandardCharsets.UTF_8)).isEqualTo(MESSAGE);
        assertThat(received.get(1).compressed()).isFalse();
        assertThat(new String(received.get(1).whole(), StandardCharsets.UTF_8)).isEqualTo(MESSAGE);
        assertThat(clients.bytesRead()).isGreaterThan(compressedFrame.length + MESSAGE.length());
    }

    @Test
    void aServerThatDeclinesSendsPlainFramesAndTheClientReadsThem() throws Exception {
        serve(null, FrameReaderTest.frame(true, false, FrameReader.OP_TEXT, MESSAGE.getBytes(StandardCharsets.UTF_8)));

        RawWebSocketClients.Client client = connect(true);

        await().atMost(10, TimeUnit.SECONDS).until(() -> received.size() == 1);
        assertThat(client.deflate()).isNull();
        assertThat(received.get(0).compressed()).isFalse();
        assertThat(MessageFields.timestampMicros(received.get(0).whole(), received.get(0).whole().length))
                .isNotEqualTo(MessageFields.NO_TIMESTAMP);
    }

    @Test
    void aCompressedFrameWithoutAnAgreementEndsTheConnection() throws Exception {
        serve(null, FrameReaderTest.frame(true, true, FrameReader.OP_TEXT, compressed(MESSAGE)));

        connect(false);

        await().atMost(10, TimeUnit.SECONDS).until(() -> !clients.outcomes().isEmpty());
        assertThat(clients.outcomes()).containsOnlyKeys("error compressed message without permessage-deflate");
        assertThat(received).isEmpty();
    }

    @Test
    void anExtensionThatWasNotOfferedIsAProtocolError() throws Exception {
        serve("Sec-WebSocket-Extensions: permessage-deflate");

        connect(false);

        await().atMost(10, TimeUnit.SECONDS).until(() -> !clients.outcomes().isEmpty());
        assertThat(clients.outcomes())
                .containsOnlyKeys("error server accepted permessage-deflate that was not offered");
        assertThat(clients.openConnections()).isZero();
    }
}
