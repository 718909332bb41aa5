package school.activity.demo.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops what a demo killed without its shutdown hook (kill -9, a crashed terminal) left running: the services it
 * started and the PostgreSQL server on its data folder. Without this, the next start would find the ports taken and
 * the data folder locked. Only processes that are what the record says they are (a java running a service jar, a
 * postgres) are touched.
 */
public final class Leftovers {

    private static final Logger log = LoggerFactory.getLogger(Leftovers.class);
    private static final Duration GRACE = Duration.ofSeconds(10);

    private Leftovers() {
    }

    /** Stops the recorded service processes, then the postmaster recorded in {@code postgresData}. */
    public static void stop(List<Long> servicePids, Path postgresData) {
        for (long pid : servicePids) {
            alive(pid, ".jar").ifPresent(process -> stop(process, "a service left running by an earlier demo"));
        }
        readPostmasterPid(postgresData)
                .flatMap(pid -> alive(pid, "postgres"))
                .ifPresent(process -> stop(process, "PostgreSQL left running by an earlier demo"));
    }

    private static Optional<ProcessHandle> alive(long pid, String commandPart) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().commandLine().orElse("").contains(commandPart)
                        || process.info().command().orElse("").contains(commandPart));
    }

    private static void stop(ProcessHandle process, String what) {
        log.warn("stopping {} (pid {})", what, process.pid());
        process.destroy();
        try {
            process.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception stillRunning) {
            process.destroyForcibly();
        }
    }

    private static Optional<Long> readPostmasterPid(Path postgresData) {
        Path pidFile = postgresData.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            return Files.readAllLines(pidFile).stream().findFirst().map(String::trim).map(Long::parseLong);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pidFile, e);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
