package school.activity.broadcaster.handshake;

import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

import school.activity.broadcaster.channel.Admission;
import school.activity.broadcaster.channel.Channel;
import school.activity.broadcaster.channel.SessionAttributes;

/**
 * Last check: reserves one of the channel's slots (503 with {@code Retry-After} when full). If the upgrade then
 * fails, the slot is given back at once; otherwise the session gives it back when it closes.
 */
public final class CapacityCheck implements HandshakeInterceptor {

    private static final String TICKET_REQUEST_ATTRIBUTE = CapacityCheck.class.getName() + ".ticket";

    private final Channel channel;
    private final HandshakeRefusals refusals;

    public CapacityCheck(Channel channel, HandshakeRefusals refusals) {
        this.channel = channel;
        this.refusals = refusals;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) {
        Admission admission = channel.admission();
        Admission.Ticket ticket = admission.tryAdmit();
        if (ticket == null) {
            return admission.isClosed()
                    ? refusals.refuse(response, channel.name(), Refusal.SHUTTING_DOWN, "server is shutting down")
                    : refusals.refuse(response, channel.name(), Refusal.CAPACITY,
                            "channel " + channel.name().tag() + " is full (" + admission.limit() + " connections)");
        }
        attributes.put(SessionAttributes.TICKET, ticket);
        attributes.put(SessionAttributes.CHANNEL, channel.name());
        if (request instanceof ServletServerHttpRequest servlet) {
            servlet.getServletRequest().setAttribute(TICKET_REQUEST_ATTRIBUTE, ticket);
        }
        return true;
    }

    /** The session opens only after a 101; anything else means the slot will never be used. */
    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
        if (!(request instanceof ServletServerHttpRequest servlet)
                || !(servlet.getServletRequest().getAttribute(TICKET_REQUEST_ATTRIBUTE) instanceof Admission.Ticket ticket)) {
            return;
        }
        boolean upgraded = response instanceof ServletServerHttpResponse servletResponse
                && servletResponse.getServletResponse().getStatus() == HttpServletResponse.SC_SWITCHING_PROTOCOLS;
        if (exception != null || !upgraded) {
            ticket.release();
        }
    }
}
