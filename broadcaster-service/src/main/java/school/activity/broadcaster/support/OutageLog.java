package school.activity.broadcaster.support;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;

/**
 * Logs a repeating failure once when it starts (WARN) and once when it ends (INFO), and every repeat in between at
 * DEBUG only: a database outage must not fill the log with one line per tick. Messages name the exception type and
 * its message; the callers only pass database errors, which carry no phone numbers or tokens.
 */
public final class OutageLog {

    private final Logger log;
    private final String what;
    private final AtomicBoolean failing = new AtomicBoolean();

    public OutageLog(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    public void failed(RuntimeException e) {
        if (failing.compareAndSet(false, true)) {
            log.warn("{} failed, will retry: {}: {}", what, e.getClass().getSimpleName(), rootMessage(e));
        } else if (log.isDebugEnabled()) {
            log.debug("{} still failing: {}", what, rootMessage(e));
        }
    }

    public void succeeded() {
        if (failing.compareAndSet(true, false)) {
            log.info("{} recovered", what);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
