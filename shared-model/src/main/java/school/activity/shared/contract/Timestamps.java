package school.activity.shared.contract;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The one time format of every contract: ISO-8601 in UTC with a {@code Z} and exactly six fraction digits,
 * e.g. {@code 2025-09-01T10:30:45.123456Z}. PostgreSQL keeps microseconds, so nothing finer is ever promised.
 */
public final class Timestamps {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** Whole-second times (the minutes of the online history), e.g. {@code 2026-12-01T10:31:00Z}. */
    private static final DateTimeFormatter SECONDS_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /** A time that is whole seconds by nature (a history minute): no fraction digits, as the history contract shows. */
    public static String formatSeconds(Instant instant) {
        return SECONDS_FORMAT.format(instant);
    }

    /** Reads any ISO-8601 instant; a time without an offset (the seed's own format) is taken as UTC. */
    public static Instant parse(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException withoutOffset) {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
    }

    /** The instant at the precision the contracts and the database keep. */
    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
