package school.activity.demo.school;

/** One user of the demo school as it goes into {@code users}; {@code role} is the table's value, e.g. {@code student}. */
public record SchoolMember(String fullName, String phone, String role) {

    @Override
    public String toString() {
        return "SchoolMember[" + fullName + ", " + role + "]"; // never the phone
    }
}
