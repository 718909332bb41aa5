package school.activity.broadcaster.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ProtocolTokenTest {

    @Test
    void aPrefixedElementIsTheTokenAndOnlyTheProtocolNameIsLeft() {
        assertThat(ProtocolToken.of(List.of("activity.v1, access_token.aaa.bbb.ccc")))
                .isEqualTo(new ProtocolToken("aaa.bbb.ccc", List.of("activity.v1")));
        assertThat(ProtocolToken.of(List.of("access_token.aaa.bbb.ccc")))
                .isEqualTo(new ProtocolToken("aaa.bbb.ccc", List.of()));
    }

    @Test
    void beside_activity_v1_theOtherElementIsTheBareToken() {
        assertThat(ProtocolToken.of(List.of("activity.v1", "aaa.bbb.ccc")))
                .isEqualTo(new ProtocolToken("aaa.bbb.ccc", List.of("activity.v1")));
        assertThat(ProtocolToken.of(List.of("aaa.bbb.ccc,activity.v1")))
                .isEqualTo(new ProtocolToken("aaa.bbb.ccc", List.of("activity.v1")));
    }

    @Test
    void otherProtocolsAreNoTokenAndStayOffered() {
        assertThat(ProtocolToken.of(List.of("chat, superchat"))).isEqualTo(new ProtocolToken(null, List.of("chat", "superchat")));
        assertThat(ProtocolToken.of(List.of())).isEqualTo(new ProtocolToken(null, List.of()));
        assertThat(ProtocolToken.of(List.of(" , "))).isEqualTo(new ProtocolToken(null, List.of()));
    }
}
