package school.activity.tracker.publish;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer settings the publisher relies on. They override {@code spring.kafka.producer.*}: an activity must
 * be written once and in order per user (idempotence, {@code acks=all}), and a send must never block for long.
 */
final class ProducerSettings {

    private ProducerSettings() {
    }

    static Map<String, Object> of(PublisherProperties.Producer producer) {
        return Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.COMPRESSION_TYPE_CONFIG, producer.compression(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, producer.maxBlock().toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) producer.requestTimeout().toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) producer.deliveryTimeout().toMillis(),
                ProducerConfig.LINGER_MS_CONFIG, (int) producer.linger().toMillis());
    }
}
