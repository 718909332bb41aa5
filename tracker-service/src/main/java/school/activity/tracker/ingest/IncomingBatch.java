package school.activity.tracker.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import school.activity.shared.contract.ActivityEvent;
import school.activity.shared.contract.ActivityEventCodec;

/**
 * One poll's records, sorted into the newest event per user (what the database gets) and the records that are
 * not valid events (what the dead-letter topic gets).
 *
 * @param latest   each user's newest event, ordered by user id (one lock order for every writer)
 * @param sources  the record each of {@code latest} came from, by user id (what a dead letter carries)
 * @param rejected records that cannot be written, with the reason
 */
record IncomingBatch(List<ActivityEvent> latest, Map<Long, ConsumerRecord<String, byte[]>> sources,
        List<Rejected> rejected) {

    /** The earliest time an event may carry: before it, epoch microseconds would be negative or overflow. */
    static final Instant EARLIEST = Instant.EPOCH;

    /** A record refused with a reason that never quotes its content. */
    record Rejected(ConsumerRecord<String, byte[]> record, String reason) {
    }

    /** @param latestAllowed events after this are refused (clock of a foreign producer far ahead, or forged) */
    static IncomingBatch of(List<ConsumerRecord<String, byte[]>> records, Instant latestAllowed) {
        Map<Long, ActivityEvent> newest = new HashMap<>();
        Map<Long, ConsumerRecord<String, byte[]>> sources = new HashMap<>();
        List<Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            ActivityEvent event;
            try {
                event = ActivityEventCodec.decode(record.value());
            } catch (ActivityEventCodec.UndecodableEventException e) {
                rejected.add(new Rejected(record, e.getMessage()));
                continue;
            }
            String problem = problemOf(event, latestAllowed);
            if (problem != null) {
                rejected.add(new Rejected(record, problem));
                continue;
            }
            ActivityEvent current = newest.get(event.userId());
            if (current == null || event.occurredAt().isAfter(current.occurredAt())) {
                newest.put(event.userId(), event);
                sources.put(event.userId(), record);
            }
        }
        List<ActivityEvent> latest = new ArrayList<>(newest.values());
        latest.sort(Comparator.comparingLong(ActivityEvent::userId));
        return new IncomingBatch(latest, sources, rejected);
    }

    /** What PostgreSQL would refuse, which would otherwise fail the whole batch again and again. */
    private static String problemOf(ActivityEvent event, Instant latestAllowed) {
        if (event.occurredAt().isBefore(EARLIEST)) {
            return "occurred_at before 1970";
        }
        if (event.occurredAt().isAfter(latestAllowed)) {
            return "occurred_at too far in the future";
        }
        if (event.phone() != null && event.phone().indexOf('\0') >= 0) {
            return "phone contains a NUL character";
        }
        return null;
    }
}
