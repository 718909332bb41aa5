package school.activity.broadcaster.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import school.activity.broadcaster.FastTickBroadcasterTest;
import school.activity.broadcaster.support.RawWebSocket;
import school.activity.shared.contract.Role;

class CompressedFrameTest extends FastTickBroadcasterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int FRAMES = 6;
    private static final int USERS = 300;
    private static final int TEXT = 1;
    private static final int PING = 9;

    @Test
    void aClientOfferingDeflateGetsCompressedFramesThatInflateToThePlainFrameOfTheSameTick() throws Exception {
        for (int i = 0; i < USERS; i++) {
            school.activeSecondsAgo(school.addUser(Role.PARENT, "parent " + i + " Абдуллаева"), i % 60);
        }
        double deflatedBefore = counter("activity.broadcast.bytes.sent", "channel", "parents", "encoding", "deflate");
        try (RawWebSocket compressed = RawWebSocket.handshake(port, Role.PARENT.path(),
                     Map.of("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"));
             RawWebSocket plain = RawWebSocket.handshake(port, Role.PARENT.path(), Map.of())) {
            assertThat(compressed.header("Sec-WebSocket-Extensions"))
                    .isEqualTo("permessage-deflate; server_no_context_takeover");

            Map<String, byte[]> compressedByTime = new HashMap<>();
            Map<String, byte[]> plainByTime = new HashMap<>();
            boolean anyCompressed = false;
            for (int i = 0; i < FRAMES; i++) {
                RawWebSocket.WireFrame frame = nextText(compressed);
                byte[] message = frame.compressed() ? inflate(frame.payload()) : frame.payload();
                anyCompressed |= frame.compressed();
                compressedByTime.put(timestamp(message), message);
                RawWebSocket.WireFrame plainFrame = nextText(plain);
                assertThat(plainFrame.compressed()).isFalse();
                plainByTime.put(timestamp(plainFrame.payload()), plainFrame.payload());
            }
            assertThat(anyCompressed).as("compressed frames once a compressing session has joined").isTrue();
            // Both got the same ticks: each tick's compressed message is the plain message, byte for byte.
            var shared = new HashMap<>(compressedByTime);
            shared.keySet().retainAll(plainByTime.keySet());
            assertThat(shared).isNotEmpty();
            shared.forEach((time, message) -> assertThat(message).isEqualTo(plainByTime.get(time)));
        }
        assertThat(counter("activity.broadcast.bytes.sent", "channel", "parents", "encoding", "deflate"))
                .isGreaterThan(deflatedBefore);
    }

    private static RawWebSocket.WireFrame nextText(RawWebSocket socket) throws IOException {
        while (true) {
            RawWebSocket.WireFrame frame = socket.readFrame();
            assertThat(frame).as("connection open").isNotNull();
            if (frame.opcode() == PING) {
                socket.pong();
            } else if (frame.opcode() == TEXT) {
                assertThat(frame.fin()).as("one frame per message").isTrue();
                return frame;
            }
        }
    }

    private static String timestamp(byte[] message) {
        return JSON.readTree(new String(message, StandardCharsets.UTF_8)).get("timestamp").asString();
    }

    /** RFC 7692 7.2.2: append 00 00 FF FF and inflate with a fresh raw inflater (server_no_context_takeover). */
    private static byte[] inflate(byte[] payload) throws DataFormatException {
        Inflater inflater = new Inflater(true);
        try {
            byte[] input = new byte[payload.length + 4];
            System.arraycopy(payload, 0, input, 0, payload.length);
            input[payload.length + 2] = (byte) 0xFF;
            input[payload.length + 3] = (byte) 0xFF;
            inflater.setInput(input);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            while (!inflater.needsInput()) {
                int n = inflater.inflate(buffer);
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }
}
