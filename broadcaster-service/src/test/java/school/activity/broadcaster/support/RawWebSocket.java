package school.activity.broadcaster.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written on a plain socket, for what the JDK client hides: the refusal's status, headers and
 * body, a client that never reads, a client that never answers pings, a connection dropped with a TCP reset.
 */
public final class RawWebSocket implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 20_000;
    private static final int OPCODE_CLOSE = 0x8;

    private final Socket socket;
    private final InputStream in;
    private final int status;
    private final Map<String, String> headers;
    private final String body;

    private RawWebSocket(Socket socket, InputStream in, int status, Map<String, String> headers, String body) {
        this.socket = socket;
        this.in = in;
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    public static RawWebSocket handshake(int port, String pathAndQuery, Map<String, String> extraHeaders) {
        return handshake(port, pathAndQuery, extraHeaders, 0);
    }

    /** @param receiveBufferSize the socket's receive buffer, set before connecting (0: the default) */
    public static RawWebSocket handshake(int port, String pathAndQuery, Map<String, String> extraHeaders,
            int receiveBufferSize) {
        try {
            Socket socket = new Socket();
            if (receiveBufferSize > 0) {
                socket.setReceiveBufferSize(receiveBufferSize);
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            byte[] key = new byte[16];
            ThreadLocalRandom.current().nextBytes(key);
            StringBuilder request = new StringBuilder()
                    .append("GET ").append(pathAndQuery).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n")
                    .append("Upgrade: websocket\r\n")
                    .append("Connection: Upgrade\r\n")
                    .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(key)).append("\r\n")
                    .append("Sec-WebSocket-Version: 13\r\n");
            extraHeaders.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 256);
            String statusLine = readLine(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            String body = status == 101 ? null : readBody(in, headers);
            return new RawWebSocket(socket, in, status, headers, body);
        } catch (IOException e) {
            throw new IllegalStateException("handshake failed", e);
        }
    }

    public int status() {
        return status;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String body() {
        return body;
    }

    /** One frame as received: its first byte (FIN, RSV1-3, opcode) and its payload. */
    public record WireFrame(int firstByte, byte[] payload) {

        public int opcode() {
            return firstByte & 0x0F;
        }

        /** RSV1: the payload is compressed (permessage-deflate). */
        public boolean compressed() {
            return (firstByte & 0x40) != 0;
        }

        public boolean fin() {
            return (firstByte & 0x80) != 0;
        }
    }

    /** Reads one whole server frame; null at the end of the stream. */
    public WireFrame readFrame() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        long length = readByte() & 0x7F;
        if (length == 126) {
            length = (readByte() << 8) | readByte();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte();
            }
        }
        byte[] payload = in.readNBytes(Math.toIntExact(length));
        if (payload.length < length) {
            throw new EOFException("connection closed in a frame");
        }
        return new WireFrame(first, payload);
    }

    /** Answers a ping as a live client does (a masked pong with an empty payload). */
    public void pong() throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(new byte[] {(byte) 0x8A, (byte) 0x80, 0, 0, 0, 0});
        out.flush();
    }

    /** Reads one server frame (servers never mask); returns its opcode, or -1 at the end of the stream. */
    public int readFrameOpcode() throws IOException {
        WireFrame frame = readFrame();
        return frame == null ? -1 : frame.opcode();
    }

    /**
     * Reads the next text message, joining its continuation frames; control frames (pings) are skipped unanswered.
     * Returns null at the end of the stream.
     */
    public String readTextMessage() throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            WireFrame frame = readFrame();
            if (frame == null || frame.opcode() == OPCODE_CLOSE) {
                return null;
            }
            if (frame.opcode() > OPCODE_CLOSE) {
                continue; // ping or pong: not part of a message
            }
            message.write(frame.payload());
            if (frame.fin()) {
                return message.toString(StandardCharsets.UTF_8);
            }
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    /** Drops the connection with a TCP reset, as a crashed client or a broken network would. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed in the response head");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static String readBody(InputStream in, Map<String, String> headers) throws IOException {
        if (headers.containsKey("content-length")) {
            return new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(readLine(in).trim(), 16); size > 0;
                    size = Integer.parseInt(readLine(in).trim(), 16)) {
                body.write(in.readNBytes(size));
                readLine(in);
            }
            readLine(in);
            return body.toString(StandardCharsets.UTF_8);
        }
        return "";
    }
}
