package school.activity.tracker.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import school.activity.shared.contract.ActivityEvent;

class RecorderSpillTest {

    private static final Instant T0 = Instant.parse("2025-09-01T10:30:45.123456Z");

    @TempDir
    Path directory;

    @Test
    void oneLinePerUserWithTheNewestTimeAndNoTemporaryFileLeft() throws IOException {
        RecorderSpill spill = new RecorderSpill(directory);

        spill.write(List.of(new ActivityEvent(1, null, T0), new ActivityEvent(2, "+998901234567", T0)));
        spill.write(List.of(new ActivityEvent(1, null, T0.plusSeconds(5))));

        assertThat(Files.readAllLines(spill.file())).hasSize(2);
        assertThat(new RecorderSpill(directory).replay()).containsExactlyInAnyOrder(
                new ActivityEvent(1, null, T0.plusSeconds(5)), new ActivityEvent(2, "+998901234567", T0));
        try (var files = Files.list(directory)) {
            assertThat(files).containsExactly(spill.file());
        }
    }

    @Test
    void theFileGoesOnceKafkaAcknowledgedEveryEventInItOrANewerOne() {
        RecorderSpill spill = new RecorderSpill(directory);
        spill.write(List.of(new ActivityEvent(1, null, T0.plusSeconds(5)), new ActivityEvent(2, null, T0)));

        spill.acknowledged(new ActivityEvent(1, null, T0));
        spill.acknowledged(new ActivityEvent(2, null, T0.plusSeconds(1)));
        assertThat(spill.file()).exists();

        spill.acknowledged(new ActivityEvent(1, null, T0.plusSeconds(5)));
        assertThat(spill.file()).doesNotExist();
    }

    @Test
    void unreadableLinesAreSkippedAndTheRestReplayed() throws IOException {
        Files.writeString(directory.resolve(RecorderSpill.FILE_NAME),
                "{\"user_id\":7,\"phone\":null,\"occurred_at\":\"2025-09-01T10:30:45.123456Z\"}\nnot json\n\n");

        assertThat(new RecorderSpill(directory).replay()).containsExactly(new ActivityEvent(7, null, T0));
    }
}
