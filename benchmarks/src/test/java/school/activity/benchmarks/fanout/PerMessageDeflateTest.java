package school.activity.benchmarks.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;

import org.junit.jupiter.api.Test;

class PerMessageDeflateTest {

    /** What a permessage-deflate server sends: raw deflate, sync-flushed, the trailing 00 00 FF FF removed. */
    static byte[] compress(Deflater deflater, String message) {
        deflater.setInput(message.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[message.length() * 2 + 64];
        int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        assertThat(Arrays.copyOfRange(out, n - 4, n)).containsExactly(0, 0, 0xff, 0xff);
        return Arrays.copyOf(out, n - 4);
    }

    private static String json(int i) {
        return "{\"type\":\"student_activity_update\",\"data\":[" + "{\"user_id\":1,\"is_online\":true},".repeat(200)
                + "{\"user_id\":" + i + "}],\"timestamp\":\"2026-12-01T12:00:0" + i + ".000000Z\"}";
    }

    @Test
    void aServerThatDeclinesAnswersWithoutTheExtension() {
        assertThat(PerMessageDeflate.parse(null)).isEmpty();
        assertThat(PerMessageDeflate.parse("x-webkit-deflate-frame")).isEmpty();
    }

    @Test
    void readsTheParametersTheServerAccepted() {
        assertThat(PerMessageDeflate.parse("permessage-deflate; server_no_context_takeover"))
                .contains(new PerMessageDeflate.Agreement(true, false, 15));
        assertThat(PerMessageDeflate.parse("foo, permessage-deflate;client_max_window_bits=15; "
                + "server_max_window_bits=\"10\"; client_no_context_takeover"))
                .contains(new PerMessageDeflate.Agreement(false, true, 10));
        assertThat(PerMessageDeflate.parse("Permessage-Deflate")).contains(new PerMessageDeflate.Agreement(false,
                false, 15));
    }

    @Test
    void withoutContextTakeoverEachMessageInflatesOnItsOwn() throws DataFormatException {
        byte[][] compressed = new byte[3][];
        for (int i = 0; i < 3; i++) {
            Deflater fresh = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            compressed[i] = compress(fresh, json(i));
            fresh.end();
        }
        try (var inflater = new PerMessageDeflate.MessageInflater(new PerMessageDeflate.Agreement(true, false, 15))) {
            for (int i : new int[] {2, 0, 1, 1}) {
                assertThat(new String(inflater.inflate(compressed[i], compressed[i].length), StandardCharsets.UTF_8))
                        .isEqualTo(json(i));
            }
        }
    }

    @Test
    void withContextTakeoverTheConnectionsInflaterKeepsTheWindow() throws DataFormatException {
        Deflater shared = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        byte[] first = compress(shared, json(1));
        byte[] second = compress(shared, json(2));
        shared.end();

        try (var kept = new PerMessageDeflate.MessageInflater(new PerMessageDeflate.Agreement(false, false, 15))) {
            assertThat(new String(kept.inflate(first, first.length), StandardCharsets.UTF_8)).isEqualTo(json(1));
            assertThat(new String(kept.inflate(second, second.length), StandardCharsets.UTF_8)).isEqualTo(json(2));
        }
        // The second message refers back into the first: alone it does not inflate.
        try (var fresh = new PerMessageDeflate.MessageInflater(new PerMessageDeflate.Agreement(false, false, 15))) {
            assertThatThrownBy(() -> fresh.inflate(second, second.length)).isInstanceOf(DataFormatException.class);
        }
    }

    @Test
    void garbageIsNotAMessage() {
        byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff};
        try (var inflater = new PerMessageDeflate.MessageInflater(new PerMessageDeflate.Agreement(true, false, 15))) {
            assertThatThrownBy(() -> inflater.inflate(garbage, garbage.length))
                    .isInstanceOf(DataFormatException.class);
        }
    }
}
