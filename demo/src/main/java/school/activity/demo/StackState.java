package school.activity.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * What a running demo tells other commands (and its own next start) through a small file in the data folder: the
 * PostgreSQL port, for {@code run.sh token}, and the service pids, to clean up after a demo killed without warning.
 * Nothing secret goes in it.
 */
public final class StackState {

    public static final String FILE_NAME = "demo-stack.properties";
    private static final String POSTGRES_PORT = "postgres.port";
    private static final String SERVICE_PIDS = "service.pids";

    private final Path file;

    public StackState(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    public void write(int postgresPort, List<Long> servicePids) {
        Properties properties = new Properties();
        properties.setProperty(POSTGRES_PORT, Integer.toString(postgresPort));
        properties.setProperty(SERVICE_PIDS, String.join(",", servicePids.stream().map(String::valueOf).toList()));
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, "written by the running demo, removed when it stops");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public OptionalInt postgresPort() {
        return read().map(p -> p.getProperty(POSTGRES_PORT))
                .map(value -> OptionalInt.of(Integer.parseInt(value)))
                .orElse(OptionalInt.empty());
    }

    public List<Long> servicePids() {
        List<Long> pids = new ArrayList<>();
        read().map(p -> p.getProperty(SERVICE_PIDS, "")).ifPresent(value -> {
            for (String pid : value.split(",")) {
                if (!pid.isBlank()) {
                    pids.add(Long.parseLong(pid.trim()));
                }
            }
        });
        return pids;
    }

    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    private Optional<Properties> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
            return Optional.of(properties);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
