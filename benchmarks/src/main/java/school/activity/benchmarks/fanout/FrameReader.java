package school.activity.benchmarks.fanout;

import java.nio.ByteBuffer;

/**
 * The receiving half of RFC 6455 framing for a client: parses frame headers from whatever pieces the socket gives,
 * reassembles fragmented data messages (reporting their payload bytes as they pass, without keeping them) and
 * reports control frames whole. Counts every byte of a data message as it was on the wire (headers included), and
 * whether the message was compressed (RSV1 on its first frame, RFC 7692 section 6).
 */
final class FrameReader {

    static final int OP_CONTINUATION = 0, OP_TEXT = 1, OP_BINARY = 2, OP_CLOSE = 8, OP_PING = 9, OP_PONG = 10;
    private static final int CONTROL_LIMIT = 125;

    /** What the reader found; called on the reading thread. */
    interface Handler {
        /** Payload bytes {@code [at, at + length)} of {@code in} belong to the current data message. */
        void messageBytes(ByteBuffer in, int at, int length);

        /** The current data message ended (its last frame had FIN). */
        void messageEnd(boolean compressed, long wireBytes, long payloadBytes);

        /** A whole control frame (close, ping, pong) and its payload. */
        void control(int opcode, byte[] payload, int length);
    }

    private final byte[] header = new byte[14];
    private int headerHave;
    private int headerNeed = 2;
    private boolean inHeader = true;
    private int opcode;
    private boolean fin;
    private long payloadLeft;
    private final byte[] control = new byte[CONTROL_LIMIT];
    private int controlLength;
    private boolean messageCompressed;
    private long messageWireBytes;
    private long messagePayloadBytes;
    private boolean inMessage;

    /** Consumes all of {@code in}. */
    void read(ByteBuffer in, Handler handler) {
        while (in.hasRemaining()) {
            if (inHeader) {
                readHeader(in, handler);
            } else {
                readPayload(in, handler);
            }
        }
    }

    private void readHeader(ByteBuffer in, Handler handler) {
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
        if (opcode < OP_CLOSE) {
            if (!inMessage) {
                inMessage = true;
                messageCompressed = (header[0] & 0x40) != 0;
                messageWireBytes = 0;
                messagePayloadBytes = 0;
            }
            messageWireBytes += headerNeed + length;
            messagePayloadBytes += length;
        }
        payloadLeft = length;
        inHeader = false;
        headerHave = 0;
        headerNeed = 2;
        controlLength = 0;
        if (payloadLeft == 0) {
            frameDone(handler);
        }
    }

    private void readPayload(ByteBuffer in, Handler handler) {
        int n = (int) Math.min(in.remaining(), payloadLeft);
        int at = in.position();
        if (opcode >= OP_CLOSE) {
            int k = Math.min(n, control.length - controlLength);
            in.get(at, control, controlLength, k);
            controlLength += k;
        } else if (n > 0) {
            handler.messageBytes(in, at, n);
        }
        in.position(at + n);
        payloadLeft -= n;
        if (payloadLeft == 0) {
            frameDone(handler);
        }
    }

    private void frameDone(Handler handler) {
        inHeader = true;
        if (opcode >= OP_CLOSE) {
            handler.control(opcode, control, controlLength);
        } else if (fin) {
            inMessage = false;
            handler.messageEnd(messageCompressed, messageWireBytes, messagePayloadBytes);
        }
    }
}
