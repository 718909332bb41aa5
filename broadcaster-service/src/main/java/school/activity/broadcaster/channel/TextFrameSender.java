package school.activity.broadcaster.channel;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import school.activity.broadcaster.snapshot.Frame;

/**
 * Sends a frame's pre-encoded UTF-8 bytes to a session as one WebSocket text message, through Tomcat's own
 * message-part method, which the standard API does not expose. {@code RemoteEndpoint.Async.sendText(String)} would
 * encode the same ~300-500 KB text again for every session, 8 KB at a time, each 8 KB a frame and a write of its
 * own: with thousands of sessions that encoding was most of the broadcaster's CPU (JFR). Tomcat still frames the
 * message, applies the negotiated extensions, honours the send timeout and queues behind a ping in progress.
 * Another container, or a Tomcat without that method, gets the standard {@code sendText}.
 */
final class TextFrameSender {

    private static final Logger log = LoggerFactory.getLogger(TextFrameSender.class);
    private static final String TOMCAT_ENDPOINT_BASE = "org.apache.tomcat.websocket.WsRemoteEndpointBase";
    private static final String TOMCAT_ENDPOINT_IMPL = "org.apache.tomcat.websocket.WsRemoteEndpointImplBase";
    /** RFC 6455 opcode of a text frame. */
    private static final byte OPCODE_TEXT = 0x1;

    private static final Class<?> ENDPOINT_BASE;
    /** (WsRemoteEndpointBase) WsRemoteEndpointImplBase: the endpoint's implementation. */
    private static final MethodHandle IMPL;
    /** (WsRemoteEndpointImplBase, byte opCode, ByteBuffer payload, boolean last, SendHandler) void. */
    private static final MethodHandle START_MESSAGE;

    static {
        Class<?> base = null;
        MethodHandle impl = null;
        MethodHandle start = null;
        try {
            base = Class.forName(TOMCAT_ENDPOINT_BASE);
            Class<?> implClass = Class.forName(TOMCAT_ENDPOINT_IMPL);
            impl = MethodHandles.privateLookupIn(base, MethodHandles.lookup()).findGetter(base, "base", implClass);
            start = MethodHandles.privateLookupIn(implClass, MethodHandles.lookup()).findVirtual(implClass,
                    "startMessage", MethodType.methodType(void.class, byte.class, ByteBuffer.class, boolean.class,
                            SendHandler.class));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.info("pre-encoded text frames unavailable ({}); sessions encode their own", e.toString());
            base = null;
        }
        ENDPOINT_BASE = base;
        IMPL = impl;
        START_MESSAGE = start;
    }

    private TextFrameSender() {
    }

    /** True when this Tomcat's message-part method was found. */
    static boolean available() {
        return START_MESSAGE != null;
    }

    /** True when frames go out pre-encoded to this endpoint. */
    static boolean preEncoded(RemoteEndpoint.Async remote) {
        return ENDPOINT_BASE != null && ENDPOINT_BASE.isInstance(remote);
    }

    /**
     * Starts sending the frame; the handler gets the outcome. Throws {@link IllegalStateException} when the session
     * is closed or closing, as {@code sendText} does.
     */
    static void send(RemoteEndpoint.Async remote, Frame frame, SendHandler handler) {
        if (!preEncoded(remote)) {
            remote.sendText(frame.text(), handler);
            return;
        }
        try {
            Object impl = IMPL.invoke(remote);
            START_MESSAGE.invoke(impl, OPCODE_TEXT, frame.payload(), true, handler);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
