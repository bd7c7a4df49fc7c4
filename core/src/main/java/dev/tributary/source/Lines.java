package dev.tributary.source;

import java.io.BufferedReader;
import java.io.IOException;

/** Line-oriented inputs (JSON lines dumps and exports): each non-blank line with its number. Stateless. */
public final class Lines {
    private Lines() {
    }

    /** What is done with one line. */
    @FunctionalInterface
    public interface Each {
        /** @param number the line's number in the input, from 1 (blank lines counted) */
        void line(int number, String text) throws IOException;
    }

    /** Calls {@code each} with every line of {@code r} that is not blank, in order, until the end of the input. */
    public static void nonBlank(BufferedReader r, Each each) throws IOException {
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            if (!line.isBlank()) {
                each.line(n, line);
            }
        }
    }
}
