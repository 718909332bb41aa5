package school.activity.benchmarks.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A service's {@code /actuator/prometheus} page, read as text: the sum of the samples of a series. */
public final class Prometheus {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final URI page;

    public Prometheus(HttpClient http, String hostPort) {
        this.http = http;
        this.page = URI.create("http://" + hostPort + "/actuator/prometheus");
    }

    public String page() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(page).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    public double sum(String prefix) throws IOException, InterruptedException {
        return sum(page(), prefix);
    }

    /** The sum of every sample whose line starts with {@code prefix} (a name, or a name and the start of its labels). */
    public static double sum(String page, String prefix) {
        return page.lines().filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
