package school.activity.benchmarks.faults;

import java.net.URI;

/** Where raw WebSocket clients connect: host, port and path of a {@code ws://} URL or of a {@code host:port}. */
record WsTarget(String host, int port, String path) {

    static WsTarget of(String wsUrl) {
        URI uri = URI.create(wsUrl);
        return new WsTarget(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 80, uri.getRawPath());
    }

    static WsTarget of(String hostPort, String path) {
        int colon = hostPort.lastIndexOf(':');
        return new WsTarget(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)), path);
    }
}
