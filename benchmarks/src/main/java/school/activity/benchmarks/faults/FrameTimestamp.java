package school.activity.benchmarks.faults;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code timestamp} of a channel message, read from the last bytes the raw clients keep of it. */
final class FrameTimestamp {

    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\"\\s*:\\s*\"([^\"]+)\"");

    private FrameTimestamp() {
    }

    /** @return the message's time, or null when the tail holds no complete timestamp */
    static Instant parse(byte[] tail, int length) {
        Matcher matcher = TIMESTAMP.matcher(new String(tail, 0, length, StandardCharsets.US_ASCII));
        if (!matcher.find()) {
            return null;
        }
        try {
            return Instant.parse(matcher.group(1));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
