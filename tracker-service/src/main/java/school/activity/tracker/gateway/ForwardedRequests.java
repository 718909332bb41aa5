package school.activity.tracker.gateway;

import jakarta.servlet.DispatcherType;

import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.ServerRequest;

/** Which requests belong to the upstream: everything the client sent except the tracker's own endpoints. */
final class ForwardedRequests implements RequestPredicate {

    static final String HEARTBEAT_PATH = "/activity/heartbeat";

    private final String actuatorBasePath;

    ForwardedRequests(String actuatorBasePath) {
        this.actuatorBasePath = actuatorBasePath;
    }

    @Override
    public boolean test(ServerRequest request) {
        // Error dispatches (/error) are the tracker's own rendering of its own failures, never the upstream's.
        if (request.servletRequest().getDispatcherType() != DispatcherType.REQUEST) {
            return false;
        }
        String path = request.requestPath().pathWithinApplication().value();
        return !path.equals(HEARTBEAT_PATH)
                && !path.equals(actuatorBasePath)
                && !path.startsWith(actuatorBasePath + "/");
    }
}
