package school.activity.demo.traffic;

import school.activity.shared.contract.Role;

/** A user the simulator acts for. */
public record DemoUser(long id, Role role, String phone) {

    @Override
    public String toString() {
        return "DemoUser[" + id + ", " + role.value() + "]"; // never the phone
    }
}
