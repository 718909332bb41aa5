package school.activity.broadcaster.history;

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

import school.activity.broadcaster.status.StatusAccess;
import school.activity.shared.contract.ErrorResponse;
import school.activity.shared.contract.OnlineHistory;

/** {@code GET /activity/history?minutes=N}: online users per role and minute, oldest first; same access as status. */
@RestController
public class HistoryController {

    static final int DEFAULT_MINUTES = 60;
    /** A day of minutes. */
    static final int MAX_MINUTES = 1440;

    private final StatusAccess access;
    private final HistoryStore store;

    public HistoryController(StatusAccess access, HistoryStore store) {
        this.access = access;
        this.store = store;
    }

    @GetMapping(path = "/activity/history", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<?>> history(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam(name = "minutes", required = false) String minutes) {
        Optional<ResponseEntity<ErrorResponse>> refusal = access.refusal(authorization, "history");
        if (refusal.isPresent()) {
            return Mono.just(refusal.get());
        }
        Integer span = parseMinutes(minutes);
        if (span == null) {
            return Mono.just(StatusAccess.error(HttpStatus.BAD_REQUEST, "bad_request",
                    "minutes must be a whole number from 1 to " + MAX_MINUTES));
        }
        // JDBC blocks: off the event loops, which serve every WebSocket connection.
        return Mono.<ResponseEntity<?>>fromCallable(() -> ResponseEntity.ok(OnlineHistory.perMinute(store.lastMinutes(span))))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** Absent: the default; a whole number from 1 to the maximum: itself; anything else: null. */
    static Integer parseMinutes(String minutes) {
        if (minutes == null || minutes.isBlank()) {
            return DEFAULT_MINUTES;
        }
        String digits = minutes.strip();
        if (!digits.matches("[0-9]{1,4}")) {
            return null;
        }
        int value = Integer.parseInt(digits);
        return value >= 1 && value <= MAX_MINUTES ? value : null;
    }
}
