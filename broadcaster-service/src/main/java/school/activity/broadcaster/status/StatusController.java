package school.activity.broadcaster.status;

import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import school.activity.broadcaster.snapshot.SnapshotBuilder;
import school.activity.shared.contract.ActivityStatus;
import school.activity.shared.contract.ErrorResponse;

/**
 * {@code GET /activity/status}: the seed's fields for the whole cluster (this instance's live counts plus every
 * other live instance's last heartbeat), {@code instances}, and the most recently active users.
 */
@RestController
public class StatusController {

    private final StatusAccess access;
    private final InstanceRegistry registry;
    private final InstanceIdentity identity;
    private final InstanceHeartbeat heartbeat;
    private final SnapshotBuilder snapshots;
    private final StatusProperties properties;

    public StatusController(StatusAccess access, InstanceRegistry registry, InstanceIdentity identity,
            InstanceHeartbeat heartbeat, SnapshotBuilder snapshots, StatusProperties properties) {
        this.access = access;
        this.registry = registry;
        this.identity = identity;
        this.heartbeat = heartbeat;
        this.snapshots = snapshots;
        this.properties = properties;
    }

    @GetMapping(path = "/activity/status", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<?>> status(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam(name = "limit", required = false) String limit) {
        Optional<ResponseEntity<ErrorResponse>> refusal = access.refusal(authorization, "status");
        if (refusal.isPresent()) {
            return Mono.just(refusal.get());
        }
        Integer size = parseLimit(limit);
        if (size == null) {
            return Mono.just(StatusAccess.error(HttpStatus.BAD_REQUEST, "bad_request",
                    "limit must be a whole number from 1 to " + properties.recentActivityMaxLimit()));
        }
        // JDBC blocks: off the event loops, which serve every WebSocket connection.
        return Mono.<ResponseEntity<?>>fromCallable(() -> ResponseEntity.ok(clusterStatus(size)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private ActivityStatus clusterStatus(int size) {
        InstanceRegistry.ClusterCounts others = registry.others(identity.id(), properties.instanceExpiry());
        InstanceRegistry.InstanceCounts total = heartbeat.ownCounts().plus(others.counts());
        return new ActivityStatus(total.students(), total.teachers(), total.parents(),
                snapshots.recent(size), Math.toIntExact(Math.min(Integer.MAX_VALUE, total.maxConnections())),
                others.instances() + 1);
    }

    /** Absent: the default; above the maximum: the maximum; anything else not a positive number: null. */
    private Integer parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return properties.recentActivityLimit();
        }
        String digits = limit.strip();
        if (!digits.matches("[0-9]{1,9}") || Integer.parseInt(digits) < 1) {
            return null;
        }
        return Math.min(Integer.parseInt(digits), properties.recentActivityMaxLimit());
    }
}
