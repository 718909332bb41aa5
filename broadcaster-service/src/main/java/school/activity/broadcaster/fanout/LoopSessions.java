package school.activity.broadcaster.fanout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

import io.netty.channel.EventLoop;

/**
 * The sessions of one channel served by one event loop. Only that loop touches the list: a tick is one task on the
 * loop that writes to all of them, instead of one task per session from outside.
 */
final class LoopSessions {

    final EventLoop loop;
    private final List<Session> sessions = new ArrayList<>();
    private ScheduledFuture<?> pings;

    LoopSessions(EventLoop loop) {
        this.loop = loop;
    }

    void add(Session session) {
        session.index = sessions.size();
        sessions.add(session);
    }

    /** Constant time: the last session takes the removed one's place (iterations run from the end, see below). */
    void remove(Session session) {
        int index = session.index;
        if (index < 0 || index >= sessions.size() || sessions.get(index) != session) {
            return;
        }
        Session last = sessions.remove(sessions.size() - 1);
        if (last != session) {
            sessions.set(index, last);
            last.index = index;
        }
        session.index = -1;
    }

    /**
     * Visits every session from the last to the first; the visitor may remove the session it is given (a drop),
     * which only moves an already visited session into its place.
     */
    void forEach(Consumer<Session> visitor) {
        for (int i = sessions.size() - 1; i >= 0; i--) {
            if (i < sessions.size()) {
                visitor.accept(sessions.get(i));
            }
        }
    }

    boolean isEmpty() {
        return sessions.isEmpty();
    }

    void pings(ScheduledFuture<?> future) {
        this.pings = future;
    }

    void cancelPings() {
        if (pings != null) {
            pings.cancel(false);
        }
    }
}
