package school.activity.broadcaster.fanout;

import java.util.Locale;

/**
 * Reads a client's {@code Sec-WebSocket-Extensions} offers (RFC 7692 5, 7.1) and decides whether this server's
 * shared compressed frames suit it. The answer always names {@code server_no_context_takeover}: every message is
 * compressed on its own, which is what lets one compressed frame serve every client.
 */
final class DeflateOffer {

    static final String EXTENSION = "permessage-deflate";
    /** The response's extension header value when an offer is accepted. */
    static final String ACCEPTED = EXTENSION + "; server_no_context_takeover";

    private DeflateOffer() {
    }

    /**
     * True when one of the offers is permessage-deflate with parameters this server can honour: a
     * {@code server_max_window_bits} below the shared frames' window, an unknown or repeated parameter, or a
     * malformed value declines that offer (the client then gets plain frames).
     */
    static boolean acceptable(String header) {
        if (header == null || header.isBlank()) {
            return false;
        }
        for (String offer : header.split(",")) {
            if (acceptableOffer(offer)) {
                return true;
            }
        }
        return false;
    }

    private static boolean acceptableOffer(String offer) {
        String[] parts = offer.split(";");
        if (!EXTENSION.equals(parts[0].strip().toLowerCase(Locale.ROOT))) {
            return false;
        }
        boolean serverWindow = false;
        boolean clientWindow = false;
        boolean serverNoContext = false;
        boolean clientNoContext = false;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int equals = parameter.indexOf('=');
            String name = (equals < 0 ? parameter : parameter.substring(0, equals)).strip().toLowerCase(Locale.ROOT);
            String value = equals < 0 ? null : unquote(parameter.substring(equals + 1).strip());
            switch (name) {
                case "server_no_context_takeover" -> {
                    if (serverNoContext || value != null) {
                        return false;
                    }
                    serverNoContext = true;
                }
                case "client_no_context_takeover" -> {
                    if (clientNoContext || value != null) {
                        return false;
                    }
                    clientNoContext = true;
                }
                case "server_max_window_bits" -> {
                    Integer bits = windowBits(value);
                    if (serverWindow || bits == null || bits < MessageDeflater.WINDOW_BITS) {
                        return false;
                    }
                    serverWindow = true;
                }
                case "client_max_window_bits" -> {
                    if (clientWindow || (value != null && windowBits(value) == null)) {
                        return false;
                    }
                    clientWindow = true;
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    private static Integer windowBits(String value) {
        if (value == null || !value.matches("[0-9]{1,2}")) {
            return null;
        }
        int bits = Integer.parseInt(value);
        return bits >= 8 && bits <= MessageDeflater.WINDOW_BITS ? bits : null;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
