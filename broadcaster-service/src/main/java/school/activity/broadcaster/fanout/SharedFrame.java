package school.activity.broadcaster.fanout;

import io.netty.buffer.ByteBuf;

/**
 * One message of a tick as complete wire frames: plain, and compressed (RSV1) when any session of the channel
 * negotiated permessage-deflate. Sessions write views of these buffers; only the owner releases them.
 */
final class SharedFrame {

    private final ByteBuf plain;
    private final ByteBuf deflated;

    private SharedFrame(ByteBuf plain, ByteBuf deflated) {
        this.plain = plain;
        this.deflated = deflated;
    }

    /** @param deflater null: no session wants the compressed frame */
    static SharedFrame of(byte[] message, MessageDeflater deflater) {
        ByteBuf plain = WireFrames.text(message, 0, message.length, false);
        ByteBuf deflated = null;
        if (deflater != null) {
            byte[] compressed = deflater.deflate(message);
            deflated = WireFrames.text(compressed, 0, compressed.length, true);
        }
        return new SharedFrame(plain, deflated);
    }

    /** The frame for a session: the compressed one when it negotiated compression and the frame exists. */
    ByteBuf forSession(boolean deflate) {
        return deflate && deflated != null ? deflated : plain;
    }

    int plainBytes() {
        return plain.readableBytes();
    }

    /** 0 when there is no compressed frame. */
    int deflatedBytes() {
        return deflated == null ? 0 : deflated.readableBytes();
    }

    void release() {
        plain.release();
        if (deflated != null) {
            deflated.release();
        }
    }
}
