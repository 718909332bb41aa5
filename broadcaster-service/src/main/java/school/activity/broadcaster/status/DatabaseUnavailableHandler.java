package school.activity.broadcaster.status;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import school.activity.shared.contract.ErrorResponse;

/** The REST endpoints answer 503 with a JSON error while the database is unreachable, never a 500. */
@RestControllerAdvice
public class DatabaseUnavailableHandler {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableHandler.class);

    @ExceptionHandler(DataAccessException.class)
    public ResponseEntity<ErrorResponse> databaseUnavailable(DataAccessException e) {
        log.warn("request not served, database unavailable: {}", e.getClass().getSimpleName());
        return StatusAccess.error(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "activity database unavailable");
    }
}
