package school.activity.tracker.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import school.activity.shared.contract.ActivityEvent;
import school.activity.shared.contract.ActivityEventCodec;

/**
 * The recorder's newest activity per user on disk, so a tracker killed while Kafka is unreachable loses nothing it
 * recorded before the last write: one event per line (the Kafka value's JSON), written to a temporary file, forced
 * to disk and moved over the previous one, so a reader only ever sees a whole file. At start-up the file is
 * replayed into the recorder; it is deleted once Kafka has acknowledged every event in it (or a newer one of the
 * same user). Thread-safe: written by the publisher thread, acknowledged on the producer's.
 */
final class RecorderSpill {

    static final String FILE_NAME = "pending-activity.jsonl";
    private static final String TEMPORARY_NAME = FILE_NAME + ".tmp";
    private static final Logger log = LoggerFactory.getLogger(RecorderSpill.class);

    private final Path file;
    private final Path temporary;
    /** What the file holds and Kafka has not acknowledged yet, newest per user. */
    private final Map<Long, ActivityEvent> unacknowledged = new ConcurrentHashMap<>();

    RecorderSpill(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("activity.tracker.spill.directory cannot be created: " + directory, e);
        }
        this.file = directory.resolve(FILE_NAME);
        this.temporary = directory.resolve(TEMPORARY_NAME);
    }

    Path file() {
        return file;
    }

    /** The events of a file a previous process left, to be published; they stay on disk until acknowledged. */
    synchronized List<ActivityEvent> replay() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<ActivityEvent> events = new ArrayList<>();
        int unreadable = 0;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    ActivityEvent event = ActivityEventCodec.decode(line.getBytes(StandardCharsets.UTF_8));
                    unacknowledged.merge(event.userId(), event, ActivityRecorder::newer);
                    events.add(event);
                } catch (ActivityEventCodec.UndecodableEventException e) {
                    unreadable++;
                }
            }
        } catch (IOException e) {
            log.error("Spilled activity in {} could not be read: {}", file, e.toString());
            return List.of();
        }
        log.info("Replaying the activity of {} users spilled by a previous run ({} unreadable lines skipped)",
                unacknowledged.size(), unreadable);
        if (unacknowledged.isEmpty()) {
            delete();
        }
        return events;
    }

    /**
     * Writes the newest event per user of {@code pending} and of what an earlier write still holds unacknowledged.
     * Nothing to write removes the file.
     */
    synchronized void write(Collection<ActivityEvent> pending) {
        Map<Long, ActivityEvent> content = new HashMap<>(unacknowledged);
        pending.forEach(event -> content.merge(event.userId(), event, ActivityRecorder::newer));
        if (content.isEmpty()) {
            delete();
            return;
        }
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 Writer writer = Channels.newWriter(channel, StandardCharsets.UTF_8)) {
                for (ActivityEvent event : content.values()) {
                    writer.write(new String(ActivityEventCodec.encode(event), StandardCharsets.UTF_8));
                    writer.write('\n');
                }
                writer.flush();
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            unacknowledged.putAll(content);
            log.debug("Spilled the pending activity of {} users to {}", content.size(), file);
        } catch (IOException e) {
            // The events are still in memory: a failed spill loses nothing a running tracker holds.
            log.warn("Pending activity could not be spilled to {}: {}", file, e.toString());
        }
    }

    /** Kafka acknowledged {@code event}: it covers the spilled event of its user unless that one is newer. */
    void acknowledged(ActivityEvent event) {
        if (unacknowledged.isEmpty()) {
            return;
        }
        ActivityEvent left = unacknowledged.computeIfPresent(event.userId(),
                (user, spilled) -> event.occurredAt().isBefore(spilled.occurredAt()) ? spilled : null);
        if (left == null && unacknowledged.isEmpty()) {
            synchronized (this) {
                if (unacknowledged.isEmpty()) {
                    delete();
                }
            }
        }
    }

    private void delete() {
        try {
            if (Files.deleteIfExists(file)) {
                log.info("Every spilled event is acknowledged by Kafka; {} deleted", file);
            }
        } catch (IOException e) {
            log.warn("{} could not be deleted: {}", file, e.toString());
        }
    }
}
