package school.activity.demo.school;

/** How many users of each role the demo school has. */
public record SchoolSize(int students, int teachers, int parents) {

    /** The reference workload of DESIGN.md: "a large school". */
    public static final SchoolSize REFERENCE = new SchoolSize(2000, 150, 3000);

    public SchoolSize {
        if (students < 0 || teachers < 0 || parents < 0) {
            throw new IllegalArgumentException("a school cannot have a negative number of users");
        }
    }

    public int total() {
        return students + teachers + parents;
    }
}
