package school.activity.broadcaster.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class AdmissionTest {

    @Test
    void aStormNeverAdmitsMoreThanTheLimit() throws Exception {
        Admission admission = new Admission(7);
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Admission.Ticket>> attempts = IntStream.range(0, 200)
                    .mapToObj(i -> threads.submit(() -> {
                        start.await();
                        return admission.tryAdmit();
                    })).toList();
            start.countDown();
            long admitted = 0;
            for (Future<Admission.Ticket> attempt : attempts) {
                admitted += attempt.get() == null ? 0 : 1;
            }
            assertThat(admitted).isEqualTo(7);
            assertThat(admission.admitted()).isEqualTo(7);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aTicketIsReleasedExactlyOnce() {
        Admission admission = new Admission(2);
        Admission.Ticket first = Objects.requireNonNull(admission.tryAdmit());
        Admission.Ticket second = Objects.requireNonNull(admission.tryAdmit());
        assertThat(admission.tryAdmit()).isNull();

        first.release();
        first.release();
        assertThat(admission.admitted()).isEqualTo(1);
        assertThat(admission.tryAdmit()).isNotNull();
        assertThat(admission.tryAdmit()).isNull();
        second.release();
        assertThat(admission.admitted()).isEqualTo(1);
    }

    @Test
    void aClosedAdmissionRefusesEveryone() {
        Admission admission = new Admission(5);
        admission.close();
        assertThat(admission.tryAdmit()).isNull();
        assertThat(admission.isClosed()).isTrue();
    }
}
