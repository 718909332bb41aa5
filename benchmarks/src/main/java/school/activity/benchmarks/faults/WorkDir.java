package school.activity.benchmarks.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The directory a scenario script and the tool share: marks the script writes (epoch ms), records the tool writes. */
record WorkDir(Path path) {

    static final String FAULT_START = "fault_start";
    static final String FAULT_END = "fault_end";
    /** Users' last answered requests of {@code traffic}. */
    static final String LAST = "last.csv";
    /** The single request of each {@code one-shot} user. */
    static final String ONE_SHOT = "one-shot.csv";

    static WorkDir of(String path) {
        return new WorkDir(Path.of(path));
    }

    boolean stopRequested() {
        return Files.exists(path.resolve("stop"));
    }

    boolean has(String name) {
        return Files.exists(path.resolve(name));
    }

    /** The epoch milliseconds of a mark, or {@code otherwise} when the script has not written it. */
    long mark(String name, long otherwise) throws IOException {
        Path file = path.resolve(name);
        return Files.exists(file) ? Long.parseLong(Files.readString(file).trim()) : otherwise;
    }

    Path resolve(String name) {
        return path.resolve(name);
    }
}
