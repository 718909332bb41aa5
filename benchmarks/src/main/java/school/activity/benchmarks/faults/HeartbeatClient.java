package school.activity.benchmarks.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** {@code POST /activity/heartbeat} with a user's token, timed: the request's window when it was answered 204. */
final class HeartbeatClient {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(REQUEST_TIMEOUT).build();
    private final URI heartbeat;

    HeartbeatClient(String trackerUrl) {
        this.heartbeat = URI.create(trackerUrl + "/activity/heartbeat");
    }

    /** @return the window of an answered (204) request, or null when it failed or was answered otherwise */
    RequestWindow send(String authorization) throws InterruptedException {
        long sent = ClusterAccess.micros(Instant.now());
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(heartbeat).timeout(REQUEST_TIMEOUT)
                            .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 204 ? new RequestWindow(sent, ClusterAccess.micros(Instant.now())) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
