package school.activity.tracker.ingest;

import java.time.Clock;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

import school.activity.tracker.publish.ActivityTopicProperties;

/** The batch consumer: off on an HTTP-only replica. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "activity.tracker.consumer.enabled", matchIfMissing = true)
class IngestConfiguration {

    /**
     * Applied to Boot's consumer factory after {@code spring.kafka.consumer.*}: the listener decodes values itself
     * (an undecodable record must reach the dead-letter topic, not fail in a deserializer), commits only through
     * the container, and never lets a subscription create the topic with the broker's defaults.
     */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer activityConsumerSettings() {
        return factory -> factory.updateConfigs(Map.of(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false));
    }

    @Bean
    ActivityUpsertRepository activityUpsertRepository(JdbcTemplate jdbc) {
        return new ActivityUpsertRepository(jdbc);
    }

    /** Checked once, before the container exists: a schema the upsert cannot use stops start-up. */
    @Bean
    @SuppressWarnings("unchecked")
    ConcurrentMessageListenerContainer<String, byte[]> activityIngestContainer(ConsumerFactory<?, ?> consumerFactory,
            ActivityUpsertRepository repository, KafkaTemplate<String, byte[]> template, JdbcTemplate jdbc,
            ActivityTopicProperties topics, ConsumerProperties properties, MeterRegistry registry) {
        new ConsumerSchemaCheck(jdbc).verify();
        DeadLetterPublisher deadLetters =
                new DeadLetterPublisher(template, topics.deadLetterTopic(), properties.deadLetterTimeout());
        ContainerProperties container = new ContainerProperties(topics.topic());
        container.setGroupId(properties.groupId());
        // Offsets of a batch are committed after the listener returned, i.e. after the upsert committed.
        container.setAckMode(ContainerProperties.AckMode.BATCH);
        container.setMessageListener(new ActivityBatchListener(repository, deadLetters, Clock.systemUTC(),
                properties.maxFutureSkew(), registry));
        ConcurrentMessageListenerContainer<String, byte[]> listenerContainer = new ConcurrentMessageListenerContainer<>(
                (ConsumerFactory<String, byte[]>) consumerFactory, container);
        listenerContainer.setConcurrency(properties.concurrency());
        listenerContainer.setCommonErrorHandler(IngestErrorHandling.create(properties.retry()));
        return listenerContainer;
    }
}
