package school.activity.broadcaster.channel;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.Session;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import school.activity.broadcaster.config.WebSocketProperties;
import school.activity.broadcaster.feed.ChannelName;
import school.activity.broadcaster.feed.StreamMode;

/** The channels' sessions: register on open, forget on close, note pongs; client messages are ignored. */
@Component
public class ChannelWebSocketHandler extends AbstractWebSocketHandler {

    /** Tomcat's timeout for blocking sends (our pings); without it a ping behind a stalled send waits 20 s. */
    private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final Channels channels;
    private final BroadcastTicker ticker;
    private final long sendTimeLimitMillis;
    private final long sendBufferLimit;
    private final int maxIncomingMessageSize;

    public ChannelWebSocketHandler(Channels channels, BroadcastTicker ticker, WebSocketProperties ws) {
        this.channels = channels;
        this.ticker = ticker;
        this.sendTimeLimitMillis = ws.sendTimeLimit().toMillis();
        this.sendBufferLimit = ws.sendBufferLimit().toBytes();
        this.maxIncomingMessageSize = Math.toIntExact(ws.maxIncomingMessageSize().toBytes());
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        Admission.Ticket ticket = (Admission.Ticket) session.getAttributes().get(SessionAttributes.TICKET);
        ChannelName name = (ChannelName) session.getAttributes().get(SessionAttributes.CHANNEL);
        if (ticket == null || name == null || !(session instanceof NativeWebSocketSession nativeSession)) {
            session.close(CloseStatus.SERVER_ERROR);
            return;
        }
        Session container = nativeSession.getNativeSession(Session.class);
        container.getAsyncRemote().setSendTimeout(sendTimeLimitMillis);
        container.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, sendTimeLimitMillis);
        session.setTextMessageSizeLimit(maxIncomingMessageSize);
        session.setBinaryMessageSizeLimit(maxIncomingMessageSize);
        Channel channel = channels.get(name);
        StreamMode mode = (StreamMode) session.getAttributes()
                .getOrDefault(SessionAttributes.MODE, StreamMode.SNAPSHOT);
        Subscriber subscriber = new Subscriber(session, container.getAsyncRemote(), ticket, channel,
                TimeUnit.MILLISECONDS.toNanos(sendTimeLimitMillis), sendBufferLimit,
                (Instant) session.getAttributes().get(SessionAttributes.TOKEN_EXPIRES_AT), mode);
        channel.join(subscriber);
        ticker.welcome(channel, subscriber);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        ChannelName name = (ChannelName) session.getAttributes().get(SessionAttributes.CHANNEL);
        Admission.Ticket ticket = (Admission.Ticket) session.getAttributes().get(SessionAttributes.TICKET);
        if (name != null) {
            channels.get(name).leave(session.getId());
        }
        if (ticket != null) {
            ticket.release();
        }
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        ChannelName name = (ChannelName) session.getAttributes().get(SessionAttributes.CHANNEL);
        Subscriber subscriber = name == null ? null : channels.get(name).subscriber(session.getId());
        if (subscriber != null) {
            subscriber.pongReceived();
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        // The channels are one-way; small client messages (e.g. keep-alives of some clients) are ignored.
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        // The container closes the session after a transport error; afterConnectionClosed releases it.
    }
}
