package school.activity.broadcaster.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryWithoutTokenTest {

    @Test
    void theTokenIsTakenOutOfTheQueryString() {
        QueryWithoutToken query = QueryWithoutToken.of("a=1&access_token=abc.def.ghi&b=2");
        assertThat(query.token()).isEqualTo("abc.def.ghi");
        assertThat(query.remaining()).isEqualTo("a=1&b=2");
    }

    @Test
    void aQueryWithOnlyTheTokenBecomesNoQuery() {
        QueryWithoutToken query = QueryWithoutToken.of("access_token=x%2By");
        assertThat(query.token()).isEqualTo("x+y");
        assertThat(query.remaining()).isNull();
    }

    @Test
    void noTokenLeavesTheQueryAlone() {
        assertThat(QueryWithoutToken.of("a=1")).isEqualTo(new QueryWithoutToken(null, "a=1"));
        assertThat(QueryWithoutToken.of(null)).isEqualTo(new QueryWithoutToken(null, null));
    }

    @Test
    void aMalformedTokenIsRemovedAndLeftEmpty() {
        QueryWithoutToken query = QueryWithoutToken.of("access_token=%zz&access_token=second");
        assertThat(query.token()).isEmpty();
        assertThat(query.remaining()).isNull();
    }
}
