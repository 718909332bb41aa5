package school.activity.demo.school;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import school.activity.shared.contract.Role;

/**
 * Invents a plausible Uzbek school: students, their teachers and parents who share a child's family name, each with a
 * unique mobile number in the national format ({@code +998} and a two-digit operator code). The same seed always gives
 * the same school.
 */
public final class SchoolRoster {

    private static final String[] MALE_NAMES = {
        "Abdulloh", "Akmal", "Alisher", "Anvar", "Asilbek", "Aziz", "Bekzod", "Bobur", "Davron", "Diyor", "Doston",
        "Eldor", "Farrux", "Ibrohim", "Islom", "Jahongir", "Jasur", "Javohir", "Kamol", "Laziz", "Mironshoh", "Muhammad",
        "Nodir", "Nurbek", "Otabek", "Oybek", "Ravshan", "Rustam", "Samandar", "Sanjar", "Sardor", "Shavkat", "Sherzod",
        "Shohruh", "Temur", "Ulug'bek", "Umid", "Xurshid", "Zafar", "Shahzod"};
    private static final String[] FEMALE_NAMES = {
        "Aziza", "Barno", "Charos", "Dildora", "Dilfuza", "Dilnoza", "Feruza", "Gulnora", "Gulshan", "Hilola", "Kamola",
        "Laylo", "Madina", "Malika", "Mohinur", "Mohira", "Mubina", "Munisa", "Muslima", "Nargiza", "Nigora", "Nilufar",
        "Oydin", "Ozoda", "Robiya", "Sabina", "Sevara", "Shahnoza", "Shahzoda", "Sitora", "Umida", "Yulduz", "Zarina",
        "Zilola", "Zuhra"};
    /** Family names in their male form; the female form adds an "a" (Karimov, Karimova). */
    private static final String[] FAMILY_NAMES = {
        "Abdullayev", "Aliyev", "Azimov", "Baxtiyorov", "Davletov", "Ergashev", "Fayzullayev", "G'aniyev", "Hamidov",
        "Hasanov", "Islomov", "Ismoilov", "Jo'rayev", "Kamolov", "Karimov", "Latipov", "Mahmudov", "Mirzayev", "Nazarov",
        "Normatov", "Nurmatov", "Odilov", "Po'latov", "Qodirov", "Qosimov", "Rahimov", "Rashidov", "Saidov", "Salimov",
        "Shukurov", "Sobirov", "Tojiyev", "Toshmatov", "Tursunov", "Umarov", "Usmonov", "Valiyev", "Xolmatov",
        "Yo'ldoshev", "Yusupov", "Zokirov"};
    /** Mobile operator codes, the most common ones repeated so they come up more often. */
    private static final String[] OPERATOR_CODES = {"90", "90", "90", "91", "93", "94", "95", "97", "97", "99", "99", "33", "88"};
    private static final int SUBSCRIBER_DIGITS = 7;

    private final Random random;
    private final Set<String> phonesTaken = new HashSet<>();

    private SchoolRoster(long seed) {
        this.random = new Random(seed);
    }

    /** Every member of a school of the given size: students first, then teachers, then parents. */
    public static List<SchoolMember> generate(SchoolSize size, long seed) {
        return new SchoolRoster(seed).members(size);
    }

    private List<SchoolMember> members(SchoolSize size) {
        List<SchoolMember> members = new ArrayList<>(size.total());
        List<String> studentFamilies = new ArrayList<>(size.students());
        for (int i = 0; i < size.students(); i++) {
            String family = pick(FAMILY_NAMES);
            studentFamilies.add(family);
            members.add(member(family, Role.STUDENT));
        }
        for (int i = 0; i < size.teachers(); i++) {
            members.add(member(pick(FAMILY_NAMES), Role.TEACHER));
        }
        for (int i = 0; i < size.parents(); i++) {
            // Most parents share the family name of a child; with more parents than children, some children have two.
            String family = studentFamilies.isEmpty() ? pick(FAMILY_NAMES) : studentFamilies.get(i % studentFamilies.size());
            members.add(member(family, Role.PARENT));
        }
        return members;
    }

    private SchoolMember member(String family, Role role) {
        boolean female = random.nextBoolean();
        String first = female ? pick(FEMALE_NAMES) : pick(MALE_NAMES);
        return new SchoolMember(first + " " + (female ? family + "a" : family), uniquePhone(), role.value());
    }

    private String uniquePhone() {
        while (true) {
            StringBuilder phone = new StringBuilder("+998").append(pick(OPERATOR_CODES));
            for (int i = 0; i < SUBSCRIBER_DIGITS; i++) {
                phone.append(random.nextInt(10));
            }
            String candidate = phone.toString();
            if (phonesTaken.add(candidate)) {
                return candidate;
            }
        }
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
