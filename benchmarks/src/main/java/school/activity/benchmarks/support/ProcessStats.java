package school.activity.benchmarks.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of a process (Linux /proc), for servers the benchmark did not start itself. */
public final class ProcessStats {

    /** Linux reports CPU times in clock ticks of 1/100 s (USER_HZ) on every mainstream architecture. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final int UTIME_FIELD = 13;
    private static final int STIME_FIELD = 14;

    private ProcessStats() {
    }

    /** User plus system CPU seconds the process (all its threads) has used so far; -1 if it is gone. */
    public static double cpuSeconds(long pid) {
        return userSeconds(pid) + systemSeconds(pid);
    }

    /** CPU seconds in the kernel on the process's behalf (socket copies, system calls); -1 if it is gone. */
    public static double systemSeconds(long pid) {
        return field(pid, STIME_FIELD);
    }

    public static double userSeconds(long pid) {
        return field(pid, UTIME_FIELD);
    }

    private static double field(long pid, int field) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name may contain spaces: fields are counted after its closing parenthesis.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[field - 2]) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Resident set size in MB; -1 if the process is gone. */
    public static double rssMb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024.0)
                    .findFirst().orElse(-1.0);
        } catch (IOException e) {
            return -1;
        }
    }
}
