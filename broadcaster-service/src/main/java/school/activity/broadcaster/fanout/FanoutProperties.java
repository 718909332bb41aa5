package school.activity.broadcaster.fanout;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code activity.ws.*} settings of delivery: how frames reach the sessions and when a session is given up.
 *
 * @param sendTimeLimit          a session whose connection stays above the low-water mark this long after its last
 *                               frame was handed to it is dropped
 * @param sendBufferLimit        a session with more than this queued and not yet taken by the client is dropped
 * @param writeBuffer            a connection above {@code high} bytes queued skips ticks (its client gets the next
 *                               full frame) until it drains below {@code low}
 * @param pingInterval           a ping every interval; a peer that has not answered the previous one is closed
 * @param maxIncomingMessageSize larger client messages close the session with 1009 (clients send nothing)
 * @param shutdownTimeout        how long shutdown waits for the going-away closes of all sessions
 * @param eventLoopThreads       threads serving the connections and writing every tick (0: one per core); one
 *                               thread writing a tick's frames to all sessions leaves the other cores to the
 *                               ticks' queries and, on a shared machine, to everything else
 * @param compression            permessage-deflate (RFC 7692), compressed once per tick for every client offering it
 */
@Validated
@ConfigurationProperties("activity.ws")
public record FanoutProperties(
        @DefaultValue("10s") @DurationMin(millis = 100) Duration sendTimeLimit,
        @DefaultValue("1MB") @NotNull DataSize sendBufferLimit,
        @DefaultValue @Valid @NotNull WriteBuffer writeBuffer,
        @DefaultValue("25s") @DurationMin(millis = 100) Duration pingInterval,
        @DefaultValue("1KB") @NotNull DataSize maxIncomingMessageSize,
        @DefaultValue("5s") @DurationMin(millis = 100) Duration shutdownTimeout,
        @DefaultValue("1") @Min(0) int eventLoopThreads,
        @DefaultValue @Valid @NotNull Compression compression) {

    @AssertTrue(message = "send-buffer-limit and max-incoming-message-size must be positive and fit an int")
    public boolean isSizesPositive() {
        return sendBufferLimit.toBytes() > 0 && maxIncomingMessageSize.toBytes() > 0
                && maxIncomingMessageSize.toBytes() <= Integer.MAX_VALUE;
    }

    /** Threads of the server's event loops. */
    int eventLoops() {
        return eventLoopThreads > 0 ? eventLoopThreads : Runtime.getRuntime().availableProcessors();
    }

    /**
     * Netty's write-buffer water marks of each connection.
     *
     * @param low  below this many queued bytes a connection takes frames again
     * @param high above this many queued bytes a connection skips ticks
     */
    public record WriteBuffer(
            @DefaultValue("32KB") @NotNull DataSize low,
            @DefaultValue("64KB") @NotNull DataSize high) {

        @AssertTrue(message = "write-buffer.low must be positive and below write-buffer.high (at most 1GB)")
        public boolean isOrdered() {
            return low.toBytes() > 0 && low.toBytes() < high.toBytes() && high.toBytes() <= DataSize.ofGigabytes(1).toBytes();
        }
    }

    /**
     * permessage-deflate.
     *
     * @param enabled accept the extension when a client offers it
     * @param level   the Deflater level, 1 (fastest) to 9 (smallest)
     */
    public record Compression(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("6") @Min(1) @Max(9) int level) {
    }
}
