package school.activity.tracker.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Sends records that are not valid events to {@code <topic>-dlt}, unchanged, with Spring Kafka's usual dead-letter
 * headers: original topic, partition and offset, and the reason (which never quotes the content).
 */
class DeadLetterPublisher {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private final KafkaTemplate<String, byte[]> template;
    private final String deadLetterTopic;
    private final Duration timeout;

    DeadLetterPublisher(KafkaTemplate<String, byte[]> template, String deadLetterTopic, Duration timeout) {
        this.template = template;
        this.deadLetterTopic = deadLetterTopic;
        this.timeout = timeout;
    }

    /** Returns once Kafka acknowledged every record; throws otherwise, so the batch is retried and none is lost. */
    void publish(List<IncomingBatch.Rejected> rejected) throws ExecutionException, TimeoutException, InterruptedException {
        List<CompletableFuture<?>> sends = new ArrayList<>(rejected.size());
        for (IncomingBatch.Rejected each : rejected) {
            sends.add(template.send(deadLetterOf(each)));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (CompletableFuture<?> send : sends) {
            send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        for (IncomingBatch.Rejected each : rejected) {
            ConsumerRecord<String, byte[]> record = each.record();
            log.warn("Dead-lettered {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), each.reason());
        }
    }

    private ProducerRecord<String, byte[]> deadLetterOf(IncomingBatch.Rejected rejected) {
        ConsumerRecord<String, byte[]> record = rejected.record();
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION,
                ByteBuffer.allocate(Integer.BYTES).putInt(record.partition()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array());
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, rejected.reason().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(deadLetterTopic, null, record.key(), record.value(), headers);
    }
}
