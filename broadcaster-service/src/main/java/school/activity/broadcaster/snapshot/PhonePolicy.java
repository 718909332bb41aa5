package school.activity.broadcaster.snapshot;

/** What the {@code phone} field shows: a school may not want every dashboard to show children's numbers. */
public enum PhonePolicy {
    /** The number as stored: the seed's format. */
    FULL,
    /** Every digit but the last four replaced by {@code *}; other characters (+, spaces) kept. */
    MASKED,
    /** Always null. */
    HIDDEN;

    private static final int VISIBLE_DIGITS = 4;
    private static final char MASK = '*';

    public String apply(String phone) {
        if (phone == null) {
            return null;
        }
        return switch (this) {
            case FULL -> phone;
            case HIDDEN -> null;
            case MASKED -> mask(phone);
        };
    }

    private static String mask(String phone) {
        char[] chars = phone.toCharArray();
        int visible = 0;
        for (int i = chars.length - 1; i >= 0; i--) {
            if (Character.isDigit(chars[i])) {
                if (visible < VISIBLE_DIGITS) {
                    visible++;
                } else {
                    chars[i] = MASK;
                }
            } else if (!isSeparator(chars[i])) {
                chars[i] = MASK;
            }
        }
        return new String(chars);
    }

    /** Characters that carry no part of the number and may stay visible. */
    private static boolean isSeparator(char c) {
        return c == '+' || c == ' ' || c == '-' || c == '(' || c == ')' || c == '.';
    }
}
