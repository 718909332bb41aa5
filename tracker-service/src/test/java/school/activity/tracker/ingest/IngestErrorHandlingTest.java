package school.activity.tracker.ingest;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.util.backoff.BackOffExecution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestErrorHandlingTest {

    private static final ConsumerProperties.Retry RETRY =
            new ConsumerProperties.Retry(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30));

    @Test
    void backOffGrowsFromTheInitialIntervalUpToTheCapAndNeverStops() {
        BackOffExecution execution = IngestErrorHandling.backOff(RETRY).start();

        assertThat(execution.nextBackOff()).isEqualTo(1_000);
        assertThat(execution.nextBackOff()).isEqualTo(2_000);
        long last = 0;
        // A million failed attempts at the cap would be a year of outage: still no STOP.
        for (int attempt = 0; attempt < 1_000_000; attempt++) {
            last = execution.nextBackOff();
            assertThat(last).isNotEqualTo(BackOffExecution.STOP);
        }
        assertThat(last).isEqualTo(30_000);
    }

    @Test
    void retrySettingsThatMakeNoSenseAreRefused() {
        assertThatThrownBy(() -> new ConsumerProperties.Retry(Duration.ZERO, 2.0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConsumerProperties.Retry(Duration.ofSeconds(5), 2.0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
