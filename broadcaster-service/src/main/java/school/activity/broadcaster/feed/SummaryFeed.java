package school.activity.broadcaster.feed;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import school.activity.broadcaster.snapshot.ActivityQueries;
import school.activity.shared.contract.ActivityJson;
import school.activity.shared.contract.ActivitySummary;
import school.activity.shared.contract.Role;
import school.activity.shared.contract.RoleCounts;

/** The summary channel's feed: one count query per tick (not three user lists), one small message. */
final class SummaryFeed implements ChannelFeed {

    private final ActivityQueries queries;
    private final AtomicLong seq = new AtomicLong();

    SummaryFeed(ActivityQueries queries) {
        this.queries = queries;
    }

    @Override
    public Pending load() {
        Map<Role, RoleCounts> counts = queries.countsByRole();
        return timestamp -> TickPayloads.snapshotOnly(seq.incrementAndGet(), timestamp,
                () -> ActivityJson.mapper().writeValueAsString(ActivitySummary.of(timestamp, counts)));
    }
}
