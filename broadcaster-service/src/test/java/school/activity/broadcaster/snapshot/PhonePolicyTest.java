package school.activity.broadcaster.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhonePolicyTest {

    @Test
    void fullKeepsTheNumber() {
        assertThat(PhonePolicy.FULL.apply("+998901234567")).isEqualTo("+998901234567");
    }

    @Test
    void maskedShowsOnlyTheLastFourDigits() {
        assertThat(PhonePolicy.MASKED.apply("+998901234567")).isEqualTo("+********4567");
        assertThat(PhonePolicy.MASKED.apply("+998 90 123-45-67")).isEqualTo("+*** ** ***-45-67");
        assertThat(PhonePolicy.MASKED.apply("tel:998901234567")).isEqualTo("************4567");
    }

    @Test
    void maskedNeverShowsMoreThanFourDigitsOfAShortNumber() {
        assertThat(PhonePolicy.MASKED.apply("1234")).isEqualTo("1234");
        assertThat(PhonePolicy.MASKED.apply("12345")).isEqualTo("*2345");
    }

    @Test
    void hiddenIsAlwaysNull() {
        assertThat(PhonePolicy.HIDDEN.apply("+998901234567")).isNull();
    }

    @Test
    void aMissingPhoneStaysMissing() {
        for (PhonePolicy policy : PhonePolicy.values()) {
            assertThat(policy.apply(null)).isNull();
        }
    }
}
