package school.activity.tracker;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * A stand-in for the platform's API behind the filter: its answer must not depend on tracking at all. A servlet of
 * its own (an exact mapping wins over the dispatcher, where the gateway takes every other path).
 */
@TestConfiguration(proxyBeanMethods = false)
public class EchoEndpoint {

    public static final String PATH = "/test/echo";
    public static final String BODY = "echo";

    @Bean
    ServletRegistrationBean<HttpServlet> echoServlet() {
        return new ServletRegistrationBean<>(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.setContentType("text/plain");
                response.getWriter().write(BODY);
            }
        }, PATH);
    }
}
