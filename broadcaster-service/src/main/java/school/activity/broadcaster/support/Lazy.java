package school.activity.broadcaster.support;

import java.util.Objects;
import java.util.function.Supplier;

/** A value computed at most once, by the first caller that needs it; later callers get the same value. */
public final class Lazy<T> implements Supplier<T> {

    private Supplier<? extends T> supplier;
    private volatile T value;

    private Lazy(Supplier<? extends T> supplier) {
        this.supplier = supplier;
    }

    public static <T> Lazy<T> of(Supplier<? extends T> supplier) {
        return new Lazy<>(Objects.requireNonNull(supplier));
    }

    @Override
    public T get() {
        T result = value;
        if (result == null) {
            synchronized (this) {
                result = value;
                if (result == null) {
                    result = Objects.requireNonNull(supplier.get());
                    value = result;
                    supplier = null; // what it captured (a tick's user lists) can go
                }
            }
        }
        return result;
    }

    /** Whether the value has been computed. */
    public boolean isComputed() {
        return value != null;
    }
}
