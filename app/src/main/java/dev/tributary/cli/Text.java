package dev.tributary.cli;

/** Cells for terminal, CSV and Markdown output. Author names and paths are attacker-controlled text. */
final class Text {
    private Text() {
    }

    static double pct(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    /** Author names are attacker-controlled: no terminal control characters, no bidi or other format characters. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> b.appendCodePoint(Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT ? '?' : cp));
        return b.toString();
    }

    /** Terminal columns {@code s} takes: 2 for a wide (CJK, fullwidth, emoji) character, 0 for a combining mark. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += Math.max(0, org.jline.utils.WCWidth.wcwidth(cp));
            i += Character.charCount(cp);
        }
        return w;
    }

    /**
     * A table cell exactly {@code n} terminal columns wide: printable, cut with "…" when too wide, padded with
     * spaces (on the right, or on the left when {@code right}); so columns line up with CJK names too.
     */
    static String cell(String s, int n, boolean right) {
        String p = printable(s == null ? "" : s);
        if (width(p) > n) {
            StringBuilder b = new StringBuilder();
            int w = 0;
            for (int i = 0; i < p.length(); ) {
                int cp = p.codePointAt(i);
                int cw = Math.max(0, org.jline.utils.WCWidth.wcwidth(cp));
                if (w + cw > n - 1) {
                    break;
                }
                b.appendCodePoint(cp);
                w += cw;
                i += Character.charCount(cp);
            }
            p = b.append('…').toString();
        }
        String pad = " ".repeat(Math.max(0, n - width(p)));
        return right ? pad + p : p + pad;
    }

    static String cell(String s, int n) {
        return cell(s, n, false);
    }

    static String cut(String s, int n) {
        String p = printable(s == null ? "" : s);
        return p.length() <= n ? p : p.substring(0, n - 1) + "…";
    }

    /**
     * A quoted CSV field. A cell a spreadsheet would read as a formula (OWASP's list: starting with {@code =},
     * {@code +}, {@code -}, {@code @}, TAB or CR) gets a leading {@code '} so it stays text.
     */
    static String csvField(String s) {
        String v = s == null ? "" : s;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v; // no formula injection when opened in a spreadsheet
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    /** A Markdown table cell: no control characters, pipes escaped, HTML-ish brackets escaped. */
    static String md(String s) {
        return printable(s == null ? "" : s).replace("\\", "\\\\").replace("&", "&amp;").replace("|", "\\|").replace("<", "&lt;")
                .replace(">", "&gt;");
    }
}
