package school.activity.tracker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Calls a running tracker over real HTTP and remembers when each call was in flight. */
public final class TrackerClient {

    /** The test-only endpoint behind the filter (see {@link EchoEndpoint}). */
    public static final String ECHO = EchoEndpoint.PATH;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    private final String base;

    public TrackerClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** One request and the window in which the tracker must have taken its arrival time. */
    public record Call(HttpResponse<String> response, Instant sent, Instant answered) {

        /** Whether a stored time could be this call's arrival (the tracker keeps microseconds). */
        public boolean brackets(Instant stored) {
            return !stored.isBefore(sent.truncatedTo(ChronoUnit.MICROS)) && !stored.isAfter(answered);
        }
    }

    public Call get(String path, String authorization) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), authorization);
    }

    public Call post(String path, String authorization) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()),
                authorization);
    }

    public Call echo(String token) {
        return get(ECHO, "Bearer " + token);
    }

    private Call send(HttpRequest.Builder builder, String authorization) {
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        Instant sent = Instant.now();
        try {
            HttpResponse<String> response = http.send(builder.timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Call(response, sent, Instant.now());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
