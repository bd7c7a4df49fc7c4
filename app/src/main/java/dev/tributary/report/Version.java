package dev.tributary.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The tool's version, as the build wrote it into {@code dev/tributary/version.properties}. */
public final class Version {
    private static final String VERSION = read();

    private Version() {
    }

    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("/dev/tributary/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
