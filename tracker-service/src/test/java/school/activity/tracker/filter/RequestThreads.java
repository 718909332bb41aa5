package school.activity.tracker.filter;

import org.apache.coyote.AbstractProtocol;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

/** The running Tomcat's request thread limit. */
public final class RequestThreads {

    private RequestThreads() {
    }

    public static int max(ServletWebServerApplicationContext context) {
        TomcatWebServer server = (TomcatWebServer) context.getWebServer();
        return ((AbstractProtocol<?>) server.getTomcat().getConnector().getProtocolHandler()).getMaxThreads();
    }
}
