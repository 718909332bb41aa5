package school.activity.benchmarks.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameReaderTest {

    /** What the reader reported for one data message. */
    record Message(String payload, boolean compressed, long wireBytes, long payloadBytes) {
    }

    private static final class Collector implements FrameReader.Handler {
        final List<Message> messages = new ArrayList<>();
        final List<String> controls = new ArrayList<>();
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();

        @Override
        public void messageBytes(ByteBuffer in, int at, int length) {
            byte[] chunk = new byte[length];
            in.get(at, chunk, 0, length);
            current.writeBytes(chunk);
        }

        @Override
        public void messageEnd(boolean compressed, long wireBytes, long payloadBytes) {
            messages.add(new Message(current.toString(StandardCharsets.ISO_8859_1), compressed, wireBytes,
                    payloadBytes));
            current.reset();
        }

        @Override
        public void control(int opcode, byte[] payload, int length) {
            controls.add(opcode + ":" + new String(payload, 0, length, StandardCharsets.ISO_8859_1));
        }
    }

    /** An unmasked server frame. */
    static byte[] frame(boolean fin, boolean rsv1, int opcode, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode);
        if (payload.length < 126) {
            out.write(payload.length);
        } else if (payload.length < 65536) {
            out.write(126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xff);
        } else {
            out.write(127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) ((long) payload.length >> (8 * i)) & 0xff);
            }
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] text(int length, char c) {
        return String.valueOf(c).repeat(length).getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 4096, 1 << 20})
    void reassemblesMessagesOfEverySizeWhateverPiecesTheSocketGives(int piece) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        byte[] small = frame(true, false, FrameReader.OP_TEXT, text(100, 'a'));
        byte[] medium = frame(true, false, FrameReader.OP_TEXT, text(300, 'b'));
        byte[] large = frame(true, true, FrameReader.OP_TEXT, text(70_000, 'c'));
        byte[] first = frame(false, true, FrameReader.OP_TEXT, text(10, 'd'));
        byte[] ping = frame(true, false, FrameReader.OP_PING, "hi".getBytes(StandardCharsets.ISO_8859_1));
        byte[] last = frame(true, false, FrameReader.OP_CONTINUATION, text(5, 'e'));
        for (byte[] f : List.of(small, medium, large, first, ping, last)) {
            wire.writeBytes(f);
        }
        byte[] bytes = wire.toByteArray();
        Collector collector = new Collector();
        FrameReader reader = new FrameReader();
        for (int at = 0; at < bytes.length; at += piece) {
            reader.read(ByteBuffer.wrap(bytes, at, Math.min(piece, bytes.length - at)).slice(), collector);
        }

        assertThat(collector.messages).containsExactly(
                new Message("a".repeat(100), false, small.length, 100),
                new Message("b".repeat(300), false, medium.length, 300),
                new Message("c".repeat(70_000), true, large.length, 70_000),
                new Message("d".repeat(10) + "e".repeat(5), true, first.length + last.length, 15));
        assertThat(collector.controls).containsExactly(FrameReader.OP_PING + ":hi");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 125})
    void emptyAndLargestShortPayloadsEndTheirMessage(int length) {
        Collector collector = new Collector();
        new FrameReader().read(ByteBuffer.wrap(frame(true, false, FrameReader.OP_TEXT, text(length, 'x'))),
                collector);

        assertThat(collector.messages).containsExactly(new Message("x".repeat(length), false, 2 + length, length));
    }
}
