package school.activity.shared.contract;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/** Encodes and decodes the Kafka record value. The one place that knows its wire format. */
public final class ActivityEventCodec {

    private static final ObjectWriter WRITER = ActivityJson.mapper().writerFor(ActivityEvent.class);
    private static final ObjectReader READER = ActivityJson.mapper().readerFor(ActivityEvent.class);

    private ActivityEventCodec() {
    }

    public static byte[] encode(ActivityEvent event) {
        return WRITER.writeValueAsBytes(event);
    }

    /**
     * @throws UndecodableEventException for anything that is not a valid event; its message names the problem
     *                                   but never echoes the record's content (which may hold a phone number)
     */
    public static ActivityEvent decode(byte[] value) {
        if (value == null || value.length == 0) {
            throw new UndecodableEventException("empty value");
        }
        try {
            ActivityEvent event = READER.readValue(value);
            if (event == null) {
                throw new UndecodableEventException("null value");
            }
            return event;
        } catch (JacksonException e) {
            throw new UndecodableEventException("not an activity event: " + e.getClass().getSimpleName());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UndecodableEventException("invalid activity event: " + e.getMessage());
        }
    }

    /** A record value that is not an activity event. */
    public static final class UndecodableEventException extends RuntimeException {
        public UndecodableEventException(String reason) {
            super(reason, null, false, false);
        }
    }
}
