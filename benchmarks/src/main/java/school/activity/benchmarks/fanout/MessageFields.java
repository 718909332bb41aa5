package school.activity.benchmarks.fanout;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The few fields the clients read from a message without decoding it: its {@code type} (near the start in every
 * format) and its {@code timestamp} (near the end of a full snapshot, near the start of a delta).
 */
final class MessageFields {

    static final long NO_TIMESTAMP = Long.MIN_VALUE;
    private static final String TIMESTAMP = "\"timestamp\":\"";
    private static final String TYPE = "\"type\":\"";
    private static final String DELTA_SUFFIX = "_activity_delta";

    private MessageFields() {
    }

    /** The {@code timestamp} in microseconds since the epoch, looked for in the tail first, then the head. */
    static long timestampMicros(byte[] head, int headLength, byte[] tail, int tailLength) {
        long fromTail = timestampMicros(tail, tailLength);
        return fromTail != NO_TIMESTAMP ? fromTail : timestampMicros(head, headLength);
    }

    static long timestampMicros(byte[] bytes, int length) {
        String text = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        int at = text.lastIndexOf(TIMESTAMP);
        int close = at < 0 ? -1 : text.indexOf('"', at + TIMESTAMP.length());
        if (close < 0) {
            return NO_TIMESTAMP;
        }
        try {
            Instant t = Instant.parse(text.substring(at + TIMESTAMP.length(), close));
            return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
        } catch (DateTimeParseException e) {
            return NO_TIMESTAMP;
        }
    }

    /** The message's {@code type}, or null when the head does not hold it. */
    static String type(byte[] head, int headLength) {
        String text = new String(head, 0, headLength, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(TYPE);
        int close = at < 0 ? -1 : text.indexOf('"', at + TYPE.length());
        return close < 0 ? null : text.substring(at + TYPE.length(), close);
    }

    static boolean isDelta(String type) {
        return type != null && type.endsWith(DELTA_SUFFIX);
    }
}
