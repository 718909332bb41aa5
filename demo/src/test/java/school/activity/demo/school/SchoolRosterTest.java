package school.activity.demo.school;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class SchoolRosterTest {

    private static final long SEED = 7L;

    @Test
    void theReferenceSchoolHasEveryRoleInItsNumbers() {
        List<SchoolMember> members = SchoolRoster.generate(SchoolSize.REFERENCE, SEED);

        Map<String, Long> byRole = members.stream().collect(Collectors.groupingBy(SchoolMember::role, Collectors.counting()));
        assertThat(byRole).containsExactlyInAnyOrderEntriesOf(Map.of("student", 2000L, "teacher", 150L, "parent", 3000L));
    }

    @Test
    void phonesAreUniqueUzbekMobileNumbers() {
        List<SchoolMember> members = SchoolRoster.generate(SchoolSize.REFERENCE, SEED);

        Set<String> phones = new HashSet<>();
        for (SchoolMember member : members) {
            assertThat(member.phone()).matches("\\+998(90|91|93|94|95|97|99|33|88)\\d{7}");
            assertThat(phones.add(member.phone())).as("unique phone").isTrue();
        }
    }

    @Test
    void namesAreAFirstNameAndAFamilyName() {
        List<SchoolMember> members = SchoolRoster.generate(new SchoolSize(50, 5, 50), SEED);

        assertThat(members).allSatisfy(member -> assertThat(member.fullName()).matches("[A-Z][a-z']+ [A-Z][A-Za-z']+"));
        assertThat(members.stream().map(SchoolMember::fullName).distinct().count()).isGreaterThan(40);
    }

    @Test
    void parentsShareTheFamilyNameOfAChild() {
        List<SchoolMember> members = SchoolRoster.generate(new SchoolSize(20, 0, 20), SEED);

        Function<SchoolMember, String> family = m -> m.fullName().split(" ")[1].replaceAll("a$", "");
        Set<String> childFamilies = members.stream().filter(m -> m.role().equals("student")).map(family).collect(Collectors.toSet());
        assertThat(members.stream().filter(m -> m.role().equals("parent")).map(family)).allMatch(childFamilies::contains);
    }

    @Test
    void theSameSeedGivesTheSameSchool() {
        assertThat(SchoolRoster.generate(new SchoolSize(30, 3, 30), SEED))
                .isEqualTo(SchoolRoster.generate(new SchoolSize(30, 3, 30), SEED))
                .isNotEqualTo(SchoolRoster.generate(new SchoolSize(30, 3, 30), SEED + 1));
    }

    @Test
    void anEmptySchoolIsEmpty() {
        assertThat(SchoolRoster.generate(new SchoolSize(0, 0, 0), SEED)).isEmpty();
    }

    @Test
    void aMemberNeverPrintsItsPhone() {
        SchoolMember member = SchoolRoster.generate(new SchoolSize(1, 0, 0), SEED).get(0);

        assertThat(member.toString()).doesNotContain(member.phone());
    }
}
