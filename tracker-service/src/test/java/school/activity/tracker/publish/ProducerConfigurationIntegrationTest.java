package school.activity.tracker.publish;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.record.CompressionType;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

import school.activity.tracker.TrackerIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The producer configuration as Kafka itself resolves it, not as we wrote it. */
class ProducerConfigurationIntegrationTest extends TrackerIntegrationTest {

    @Autowired
    private ProducerFactory<?, ?> producerFactory;
    @Autowired
    private KafkaTemplate<String, byte[]> template;

    @Test
    void effectiveProducerConfigurationIsIdempotentWithAcksAllCompressedAndBounded() {
        assertThat(template.getProducerFactory()).isSameAs(producerFactory);

        ProducerConfig effective = new ProducerConfig(producerFactory.getConfigurationProperties());

        assertThat(effective.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).isTrue();
        assertThat(effective.getString(ProducerConfig.ACKS_CONFIG)).isEqualTo("-1");
        assertThat(effective.getString(ProducerConfig.COMPRESSION_TYPE_CONFIG)).isEqualTo(CompressionType.LZ4.name);
        assertThat(effective.getLong(ProducerConfig.MAX_BLOCK_MS_CONFIG)).isEqualTo(1_000L);
        assertThat(effective.getInt(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)).isEqualTo(60_000);
    }
}
