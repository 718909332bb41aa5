package school.activity.benchmarks.ingest;

import java.time.Instant;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import school.activity.shared.contract.ActivityEvent;
import school.activity.shared.contract.ActivityEventCodec;

/**
 * The events of a run, kept in the order they were produced (every user once per round, user after user), so that
 * the per-event baseline applies exactly the same ones in the same order.
 */
final class ProducedEvents {

    private final int users;
    private final Instant[] occurredAt;

    private ProducedEvents(int users, Instant[] occurredAt) {
        this.users = users;
        this.occurredAt = occurredAt;
    }

    long count() {
        return occurredAt.length;
    }

    /** The user of the n-th event (1-based ids). */
    int user(long n) {
        return (int) (n % users) + 1;
    }

    Instant occurredAt(long n) {
        return occurredAt[(int) n];
    }

    /** The seeded phone numbers of scripts/cluster/seed.sql (students). */
    static String phone(int user) {
        return String.format("+15551%06d", user);
    }

    static ProducedEvents produce(String topic, int users, int rounds) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getenv("ACTIVITY_KAFKA_BOOTSTRAP"));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        Instant[] times = new Instant[Math.multiplyExact(users, rounds)];
        ProducedEvents events = new ProducedEvents(users, times);
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int n = 0; n < times.length; n++) {
                int user = events.user(n);
                times[n] = Instant.now();
                ActivityEvent event = new ActivityEvent(user, phone(user), times[n]);
                producer.send(new ProducerRecord<>(topic, event.key(), ActivityEventCodec.encode(event)));
            }
            producer.flush();
        }
        System.out.printf("produced %d events in %.1f s%n", times.length, (System.nanoTime() - start) / 1e9);
        return events;
    }
}
