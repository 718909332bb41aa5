package school.activity.demo.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One service run from its built jar as a child process, output to a log file. It inherits the demo's environment
 * (so any {@code ACTIVITY_*} variable reaches it) plus the variables the demo sets. Stopping sends SIGTERM, which
 * Spring Boot answers with its graceful shutdown, and kills the process only if that takes too long.
 */
public final class ServiceProcess {

    private static final Duration READINESS_POLL = Duration.ofMillis(250);
    private static final Duration READINESS_REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    private static final String READINESS_PATH = "/actuator/health/readiness";

    private final String name;
    private final Process process;
    private final Path logFile;
    private final int port;
    private final int managementPort;

    private ServiceProcess(String name, Process process, Path logFile, int port, int managementPort) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.port = port;
        this.managementPort = managementPort;
    }

    /**
     * Starts {@code java <options> -jar <jar>} with the service's HTTP port set through {@code SERVER_PORT} and its
     * actuator's (health, metrics) through {@code MANAGEMENT_SERVER_PORT}.
     */
    public static ServiceProcess launch(String name, Path jar, int port, int managementPort, List<String> javaOptions,
                                        Map<String, String> environment, Path logFile) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " is not built: " + jar.toAbsolutePath()
                    + " is missing (./mvnw -q -B -DskipTests package builds it)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("MANAGEMENT_SERVER_PORT", Integer.toString(managementPort));
        try {
            return new ServiceProcess(name, builder.start(), logFile, port, managementPort);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The actuator's port: health and metrics. */
    public int managementPort() {
        return managementPort;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** Waits until the service reports itself ready to take traffic; fails early if the process dies. */
    public void awaitReady(Duration timeout) {
        URI readiness = URI.create("http://127.0.0.1:" + managementPort + READINESS_PATH);
        Instant deadline = Instant.now().plus(timeout);
        HttpClient client = HttpClient.newBuilder().connectTimeout(READINESS_REQUEST_TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(readiness).timeout(READINESS_REQUEST_TIMEOUT).GET().build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with status " + process.exitValue()
                        + " during start-up; its log: " + logFile.toAbsolutePath());
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            try {
                process.waitFor(READINESS_POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s; its log: "
                + logFile.toAbsolutePath());
    }

    /** Asks for a graceful stop (SIGTERM) without waiting; {@link #awaitStopped} waits. */
    public void requestStop() {
        process.destroy();
    }

    /** Waits up to {@code grace} for the process to end, then kills it. Returns true when it ended by itself. */
    public boolean awaitStopped(Duration grace) {
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            process.destroyForcibly();
            process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return false;
        }
    }
}
