package school.activity.benchmarks.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When a request that was answered 204 was sent and answered (epoch microseconds): the filter records the activity
 * in between, so the user's stored {@code last_active} must fall inside.
 */
record RequestWindow(long sentMicros, long answeredMicros) {

    static void write(Path file, Map<Long, RequestWindow> windows) throws IOException {
        StringBuilder csv = new StringBuilder();
        windows.forEach((id, w) -> csv.append(id).append(',').append(w.sentMicros()).append(',')
                .append(w.answeredMicros()).append('\n'));
        Files.writeString(file, csv);
    }

    static Map<Long, RequestWindow> read(Path file) throws IOException {
        Map<Long, RequestWindow> windows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                String[] f = line.split(",");
                windows.put(Long.parseLong(f[0]), new RequestWindow(Long.parseLong(f[1]), Long.parseLong(f[2])));
            }
        }
        return windows;
    }

    /** The later of two windows of one user (its last request). */
    static RequestWindow later(RequestWindow a, RequestWindow b) {
        return a.sentMicros() >= b.sentMicros() ? a : b;
    }
}
