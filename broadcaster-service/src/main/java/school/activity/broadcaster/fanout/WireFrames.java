package school.activity.broadcaster.fanout;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Complete server-to-client WebSocket frames (RFC 6455 5.2: never masked), header and payload in one direct buffer,
 * so every session's write is a view of the same memory and the socket write needs no copy.
 */
final class WireFrames {

    private static final int FIN = 0x80;
    private static final int RSV1 = 0x40;
    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_PING = 0x9;
    private static final int MAX_7_BIT_LENGTH = 125;
    private static final int MAX_16_BIT_LENGTH = 0xFFFF;
    private static final int LENGTH_16_BIT = 126;
    private static final int LENGTH_64_BIT = 127;

    private static final ByteBuf PING = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(2).writeByte(FIN | OPCODE_PING).writeByte(0)).asReadOnly();

    private WireFrames() {
    }

    /** A final text frame; {@code compressed} sets RSV1 (permessage-deflate). */
    static ByteBuf text(byte[] payload, int offset, int length, boolean compressed) {
        int headerLength = length <= MAX_7_BIT_LENGTH ? 2 : length <= MAX_16_BIT_LENGTH ? 4 : 10;
        ByteBuf frame = Unpooled.directBuffer(headerLength + length);
        frame.writeByte(FIN | (compressed ? RSV1 : 0) | OPCODE_TEXT);
        if (length <= MAX_7_BIT_LENGTH) {
            frame.writeByte(length);
        } else if (length <= MAX_16_BIT_LENGTH) {
            frame.writeByte(LENGTH_16_BIT).writeShort(length);
        } else {
            frame.writeByte(LENGTH_64_BIT).writeLong(length);
        }
        return frame.writeBytes(payload, offset, length);
    }

    /** An empty ping; shared, never released. */
    static ByteBuf ping() {
        return PING.duplicate();
    }
}
