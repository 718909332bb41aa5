package school.activity.shared.contract;

import java.time.Instant;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/** Writes an {@link Instant} in the contracts' format, whatever mapper serialises the record. */
public final class MicrosInstantSerializer extends ValueSerializer<Instant> {

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializationContext ctxt) {
        gen.writeString(Timestamps.format(value));
    }
}
