package school.activity.demo.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for the school platform's own API, which the tracker proxies in gateway mode: a few read endpoints and
 * one write, all JSON. It trusts whatever reaches it; checking tokens is the real platform's business.
 */
public final class PlatformApi implements AutoCloseable {

    public static final List<String> READ_PATHS = List.of(
            "/api/timetable", "/api/homework", "/api/grades", "/api/announcements");
    public static final String ATTENDANCE_PATH = "/api/attendance";
    private static final int THREADS = 8;
    private static final int STOP_DELAY_SECONDS = 0;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<String, Object> RESPONSES = Map.of(
            "/api/timetable", Map.of("day", "monday", "lessons", List.of(
                    Map.of("period", 1, "subject", "Mathematics", "room", "204"),
                    Map.of("period", 2, "subject", "Uzbek language", "room", "112"),
                    Map.of("period", 3, "subject", "Physics", "room", "Lab 2"))),
            "/api/homework", Map.of("items", List.of(
                    Map.of("subject", "Mathematics", "task", "Exercises 14-18, page 52"),
                    Map.of("subject", "English", "task", "Essay: my favourite book"))),
            "/api/grades", Map.of("term", 1, "grades", List.of(
                    Map.of("subject", "Mathematics", "grade", 5),
                    Map.of("subject", "History", "grade", 4))),
            "/api/announcements", Map.of("items", List.of(
                    Map.of("title", "Parents' meeting on Friday at 17:00"),
                    Map.of("title", "Science olympiad registration is open"))));

    private final HttpServer server;
    private final ExecutorService executor;

    private PlatformApi(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts the API on 127.0.0.1 at {@code port} (0: any free one). */
    public static PlatformApi start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            ExecutorService executor = Executors.newFixedThreadPool(THREADS, runnable -> {
                Thread thread = new Thread(runnable, "platform-api");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            server.createContext("/", PlatformApi::handle);
            server.start();
            return new PlatformApi(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException("the demo platform API could not listen on port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.transferTo(OutputStream.nullOutputStream());
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && RESPONSES.containsKey(path)) {
                respond(exchange, 200, RESPONSES.get(path));
            } else if (method.equals("POST") && path.equals(ATTENDANCE_PATH)) {
                respond(exchange, 201, Map.of("recorded", true));
            } else {
                respond(exchange, 404, Map.of("error", "not_found", "message", "no such demo endpoint"));
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(STOP_DELAY_SECONDS);
        executor.shutdownNow();
    }
}
