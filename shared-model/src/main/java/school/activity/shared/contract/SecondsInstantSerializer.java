package school.activity.shared.contract;

import java.time.Instant;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/** Writes an {@link Instant} that is whole seconds by nature without fraction digits ({@link Timestamps#formatSeconds}). */
public final class SecondsInstantSerializer extends ValueSerializer<Instant> {

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializationContext ctxt) {
        gen.writeString(Timestamps.formatSeconds(value));
    }
}
