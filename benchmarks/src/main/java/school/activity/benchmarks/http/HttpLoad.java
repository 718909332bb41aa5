package school.activity.benchmarks.http;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import school.activity.benchmarks.support.Percentiles;

/**
 * A light HTTP/1.1 load generator: each worker thread owns one keep-alive socket and sends requests one after the
 * other (closed loop), or at a fixed rate shared by all workers (open loop, latency measured from the scheduled
 * send time, so a stalled server is not hidden). Requests are prebuilt bytes; responses are read up to their
 * Content-Length or last chunk. Much cheaper per request than a general HTTP client, so most of the CPU is left to
 * the server being measured.
 */
public final class HttpLoad {

    private final String host;
    private final int port;

    public HttpLoad(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** The figures of one phase. */
    public record Result(long requests, double seconds, Percentiles latencyMicros, Map<Integer, Long> statuses,
            long errors) {

        public double perSecond() {
            return requests / seconds;
        }
    }

    /** A request as bytes: method, path, optional bearer token, empty body. */
    public static byte[] request(String method, String path, String host, int port, String token) {
        String text = method + " " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + ("POST".equals(method) ? "Content-Length: 0\r\n" : "") + "\r\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Runs {@code workers} connections for the duration, either closed loop ({@code ratePerSecond <= 0}) or open
     * loop at the rate. {@code requests} gives the request for the n-th send of the phase.
     */
    public Result run(int workers, double seconds, double ratePerSecond, IntFunction<byte[]> requests)
            throws InterruptedException {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        AtomicLong sequence = new AtomicLong();
        List<Worker> all = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            Worker worker = new Worker(start, end, ratePerSecond, sequence, requests);
            all.add(worker);
            worker.thread.start();
        }
        long count = 0;
        long errors = 0;
        Map<Integer, Long> statuses = new TreeMap<>();
        List<long[]> latencies = new ArrayList<>();
        for (Worker worker : all) {
            worker.thread.join();
            count += worker.count;
            errors += worker.errors;
            worker.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
            latencies.add(java.util.Arrays.copyOf(worker.latencies, worker.count));
        }
        long[] merged = latencies.stream().flatMapToLong(java.util.Arrays::stream).toArray();
        return new Result(count, (System.nanoTime() - start) / 1e9, new Percentiles(merged), statuses, errors);
    }

    private final class Worker implements Runnable {
        private final Thread thread = new Thread(this, "http-load");
        private final long start;
        private final long end;
        private final double rate;
        private final AtomicLong sequence;
        private final IntFunction<byte[]> requests;
        private final Map<Integer, Long> statuses = new TreeMap<>();
        private long[] latencies = new long[1 << 16];
        private int count;
        private long errors;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Worker(long start, long end, double rate, AtomicLong sequence, IntFunction<byte[]> requests) {
            this.start = start;
            this.end = end;
            this.rate = rate;
            this.sequence = sequence;
            this.requests = requests;
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            while (true) {
                long n = sequence.getAndIncrement();
                long due = rate > 0 ? start + (long) (n * 1e9 / rate) : System.nanoTime();
                if (due >= end) {
                    return;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                try {
                    int status = exchange(requests.apply((int) n));
                    statuses.merge(status, 1L, Long::sum);
                    if (count == latencies.length) {
                        latencies = java.util.Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = (System.nanoTime() - due) / 1000;
                } catch (IOException e) {
                    errors++;
                    closeQuietly();
                }
            }
        }

        private int exchange(byte[] request) throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(host, port), 5000);
                socket.setSoTimeout(30_000);
                in = new BufferedInputStream(socket.getInputStream(), 16384);
                out = socket.getOutputStream();
            }
            out.write(request);
            out.flush();
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header; !(header = line()).isEmpty(); ) {
                String lower = header.toLowerCase();
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                for (long size; (size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0; ) {
                    skip(size);
                    line();
                }
                line();
            } else if (length > 0) {
                skip(length);
            }
            if (close) {
                closeQuietly();
            }
            return code;
        }

        private String line() throws IOException {
            StringBuilder s = new StringBuilder();
            for (int b; (b = in.read()) != '\n'; ) {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                if (b != '\r') {
                    s.append((char) b);
                }
            }
            return s.toString();
        }

        private void skip(long n) throws IOException {
            while (n > 0) {
                long skipped = in.skip(n);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed");
                    }
                    skipped = 1;
                }
                n -= skipped;
            }
        }

        private void closeQuietly() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // reconnects on the next request
            }
            socket = null;
        }
    }
}
