package school.activity.benchmarks.fanout;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The client side of permessage-deflate (RFC 7692) as far as a receiving client needs it: the offer, the server's
 * answer, and inflating received messages.
 */
public final class PerMessageDeflate {

    /** What every client offers: the extension, and that it accepts any window size the server picks for it. */
    public static final String OFFER = "permessage-deflate; client_max_window_bits";
    private static final String NAME = "permessage-deflate";
    private static final byte[] TRAILER = {0, 0, (byte) 0xff, (byte) 0xff};
    private static final int DEFAULT_WINDOW_BITS = 15;

    private PerMessageDeflate() {
    }

    /**
     * The parameters the server accepted.
     *
     * @param serverNoContextTakeover each server message is compressed on its own (inflate each from a fresh state)
     * @param clientNoContextTakeover the same for the client's messages (this client sends none)
     * @param serverMaxWindowBits     the server's LZ77 window (15 unless it said otherwise)
     */
    public record Agreement(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
            int serverMaxWindowBits) {

        public String describe() {
            return (serverNoContextTakeover ? "server_no_context_takeover" : "context takeover")
                    + (serverMaxWindowBits == DEFAULT_WINDOW_BITS ? ""
                            : ", server_max_window_bits=" + serverMaxWindowBits);
        }
    }

    /**
     * The accepted permessage-deflate parameters from the value of the answer's {@code Sec-WebSocket-Extensions}
     * header(s), or empty when the server declined (no such element).
     */
    public static Optional<Agreement> parse(String extensions) {
        if (extensions == null) {
            return Optional.empty();
        }
        for (String element : extensions.split(",")) {
            String[] parts = element.split(";");
            if (!parts[0].trim().equalsIgnoreCase(NAME)) {
                continue;
            }
            boolean serverNoContext = false;
            boolean clientNoContext = false;
            int serverBits = DEFAULT_WINDOW_BITS;
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].trim().split("=", 2);
                String key = kv[0].trim().toLowerCase(Locale.ROOT);
                switch (key) {
                    case "server_no_context_takeover" -> serverNoContext = true;
                    case "client_no_context_takeover" -> clientNoContext = true;
                    case "server_max_window_bits" -> serverBits = Integer.parseInt(unquote(kv[1]));
                    default -> {
                        // client_max_window_bits concerns what this client would send
                    }
                }
            }
            return Optional.of(new Agreement(serverNoContext, clientNoContext, serverBits));
        }
        return Optional.empty();
    }

    private static String unquote(String value) {
        String v = value.trim();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    /**
     * Inflates the messages of one connection in the order they arrived: from a fresh state each time when the
     * server does not take over its context, else with one window kept across messages. Not thread-safe.
     */
    public static final class MessageInflater implements AutoCloseable {

        private final Inflater inflater = new Inflater(true);
        private final boolean resetEachMessage;
        private final byte[] chunk = new byte[64 * 1024];

        public MessageInflater(Agreement agreement) {
            this.resetEachMessage = agreement.serverNoContextTakeover();
        }

        /** The message's payload; throws {@link DataFormatException} when it is not a valid deflate block. */
        public byte[] inflate(byte[] compressed, int length) throws DataFormatException {
            if (resetEachMessage) {
                inflater.reset();
            }
            byte[] input = new byte[length + TRAILER.length];
            System.arraycopy(compressed, 0, input, 0, length);
            System.arraycopy(TRAILER, 0, input, length, TRAILER.length);
            inflater.setInput(input);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(256, length * 4));
            while (true) {
                int n = inflater.inflate(chunk);
                if (n > 0) {
                    out.write(chunk, 0, n);
                } else if (inflater.needsInput() || inflater.finished()) {
                    break;
                } else {
                    throw new DataFormatException("deflate stream neither progresses nor ends");
                }
            }
            if (inflater.finished()) {
                // A final block ends the stream: the next message starts a new one.
                inflater.reset();
            }
            return out.toByteArray();
        }

        @Override
        public void close() {
            inflater.end();
        }
    }
}
