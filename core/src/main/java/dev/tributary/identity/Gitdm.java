package dev.tributary.identity;

import dev.tributary.model.Curated;
import dev.tributary.TributaryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports gitdm's curated files with gitdm's semantics.
 *
 * <ul>
 * <li>{@code gitdm.config}: the directives {@code EmailAliases FILE}, {@code EmailMap FILE} and
 *     {@code GroupMap FILE Employer} (paths relative to the config); other directives are gitdm's own
 *     business and are ignored.</li>
 * <li>aliases: {@code alias@address canonical@address} per line.</li>
 * <li>domain-map and email-map (one format): {@code [user@]domain Employer [< yyyy-mm-dd]}. Several lines
 *     for one key are successive employers: sorted by their date (an undated line last), each holds until
 *     its date and from the one before; the last one also holds after its date (gitdm's out-of-date rule).
 *     A key with {@code @} is an address (an enrollment of its individual); without, a domain that also
 *     covers its subdomains; when both match, the address wins, then the longest domain.</li>
 * <li>group files: one address per line, all mapped to the employer named by the {@code GroupMap} line.</li>
 * </ul>
 * Blank lines and {@code #} comments are allowed everywhere. A line that cannot be read is reported with its
 * file and line number and skipped; the rest imports.
 */
public final class Gitdm {
    private static final Pattern MAP_LINE = Pattern.compile("^(\\S+)\\s+(.+?)\\s*$");
    private static final Pattern DATED = Pattern.compile("^(.+?)\\s*<\\s*(\\S+)\\s*$");

    private Gitdm() {
    }

    /**
     * Imports {@code file}: a gitdm.config (recognized by its directives), or an aliases or map file
     * (recognized per line: two addresses make an alias, anything else a map entry).
     *
     * @throws TributaryException.InvalidInput if the file cannot be read
     */
    public static Curated read(Path file) {
        CuratedBuilder b = new CuratedBuilder(file.toString());
        List<String> lines = lines(file, b);
        boolean config = lines.stream().map(String::strip)
                .anyMatch(l -> l.startsWith("EmailAliases ") || l.startsWith("EmailMap ") || l.startsWith("GroupMap "));
        Map<String, List<MapEntry>> map = new LinkedHashMap<>();
        if (config) {
            readConfig(file, lines, b, map);
        } else {
            readMapOrAliases(file, lines, b, map);
        }
        resolveMap(file, map, b);
        checkAliases(b);
        return b.build();
    }

    /**
     * gitdm replaces an address by its alias target once ({@code RemapEmail}): a cycle of aliases sends each
     * address's changes to another's developer, which no curator means, so the file is refused; an alias whose
     * address has an email-map line of its own for another employer is reported, since gitdm never uses that line.
     *
     * @throws TributaryException.InvalidInput naming the file and line of an alias that closes a cycle
     */
    private static void checkAliases(CuratedBuilder b) {
        Map<String, Curated.Alias> target = new LinkedHashMap<>();
        for (Curated.Alias a : b.aliases) {
            target.put(a.email(), a); // a later line wins, as in gitdm
        }
        target.values().removeIf(a -> a.email().equals(a.canonical())); // differs in case only: gitdm lower-cases both
        for (Curated.Alias a : target.values()) {
            java.util.Set<String> seen = new java.util.LinkedHashSet<>();
            seen.add(a.email());
            for (Curated.Alias next = a; next != null; next = target.get(next.canonical())) {
                if (!seen.add(next.canonical())) {
                    if (next.canonical().equals(a.email())) {
                        throw new TributaryException.InvalidInput(b.aliasWhere.get(a) + ": alias " + a.email() + " -> " + a.canonical()
                                + " is part of a cycle (" + String.join(" -> ", seen) + " -> " + a.email()
                                + "); fix the aliases file; nothing imported");
                    }
                    break;
                }
            }
        }
        Map<String, java.util.Set<String>> employers = new java.util.HashMap<>();
        for (Curated.Enrollment e : b.enrollments) {
            employers.computeIfAbsent(e.email(), k -> new java.util.TreeSet<>()).add(e.organization());
        }
        for (Curated.Alias a : target.values()) {
            java.util.Set<String> own = employers.get(a.email());
            java.util.Set<String> canonical = employers.get(a.canonical());
            if (own != null && !own.equals(canonical)) {
                String where = b.aliasWhere.get(a);
                int colon = where.lastIndexOf(':');
                b.problems.add(new Curated.Problem(where.substring(0, colon), Integer.parseInt(where.substring(colon + 1)),
                        "alias " + a.email() + " -> " + a.canonical() + ": " + a.email() + " is mapped to " + String.join(", ", own)
                                + " but " + a.canonical() + (canonical == null ? " has no email-map line" : " to " + String.join(", ", canonical))
                                + "; as in gitdm, the changes of " + a.email() + " take " + a.canonical() + "'s employer"));
            }
        }
    }

    private record MapEntry(String organization, Long until, String file, int line) {
    }

    private static void readConfig(Path config, List<String> lines, CuratedBuilder b, Map<String, List<MapEntry>> map) {
        Path dir = config.toAbsolutePath().getParent();
        for (int i = 0; i < lines.size(); i++) {
            String line = content(lines.get(i));
            if (line.isEmpty()) {
                continue;
            }
            String[] t = line.split("\\s+", 3);
            try {
                switch (t[0]) {
                    case "EmailAliases":
                    case "EmailMap":
                        need(t, 2, "a file name");
                        Path f = dir.resolve(t[1]);
                        readMapOrAliases(f, lines(f, b), b, map);
                        break;
                    case "GroupMap":
                        need(t, 3, "a file name and an employer");
                        Path g = dir.resolve(t[1]);
                        List<String> members = lines(g, b);
                        for (int j = 0; j < members.size(); j++) {
                            String m = content(members.get(j));
                            if (m.isEmpty()) {
                                continue;
                            }
                            if (!m.contains("@") || m.contains(" ")) {
                                b.problems.add(new Curated.Problem(g.toString(), j + 1, "expected one email address, got '" + m + "'"));
                                continue;
                            }
                            map.computeIfAbsent(m.toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>())
                                    .add(new MapEntry(t[2].strip(), null, g.toString(), j + 1));
                        }
                        break;
                    default:
                        // gitdm's other directives (FileTypeMap, CSVPrefix, ...) do not concern affiliations
                }
            } catch (IllegalArgumentException | TributaryException e) {
                b.problems.add(new Curated.Problem(config.toString(), i + 1, e.getMessage()));
            }
        }
    }

    private static void need(String[] tokens, int n, String what) {
        if (tokens.length < n) {
            throw new IllegalArgumentException(tokens[0] + " needs " + what);
        }
    }

    private static void readMapOrAliases(Path file, List<String> lines, CuratedBuilder b, Map<String, List<MapEntry>> map) {
        for (int i = 0; i < lines.size(); i++) {
            String line = content(lines.get(i));
            if (line.isEmpty()) {
                continue;
            }
            String[] t = line.split("\\s+");
            if (t.length == 2 && t[0].contains("@") && t[1].contains("@")) {
                Curated.Alias a = new Curated.Alias(t[0], t[1]);
                b.aliases.add(a);
                b.aliasWhere.putIfAbsent(a, file + ":" + (i + 1));
                continue;
            }
            Matcher m = MAP_LINE.matcher(line);
            if (!m.matches()) {
                b.problems.add(new Curated.Problem(file.toString(), i + 1,
                        "expected '[user@]domain Employer [< yyyy-mm-dd]', got '" + line + "'"));
                continue;
            }
            String key = m.group(1).toLowerCase(java.util.Locale.ROOT);
            String employer = m.group(2);
            Long until = null;
            Matcher d = DATED.matcher(employer);
            if (d.matches()) {
                try {
                    until = LocalDate.parse(d.group(2)).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
                } catch (DateTimeParseException e) {
                    b.problems.add(new Curated.Problem(file.toString(), i + 1, "bad date '" + d.group(2) + "' (expected yyyy-mm-dd)"));
                    continue;
                }
                employer = d.group(1);
            }
            if (key.startsWith("@") || key.endsWith("@") || key.endsWith(".") || !key.contains(".")) {
                b.problems.add(new Curated.Problem(file.toString(), i + 1, "'" + key + "' is neither an address nor a domain"));
                continue;
            }
            map.computeIfAbsent(key, k -> new ArrayList<>()).add(new MapEntry(employer, until, file.toString(), i + 1));
        }
    }

    /** Turns each key's dated lines into successive ranges, gitdm's way. */
    private static void resolveMap(Path file, Map<String, List<MapEntry>> map, CuratedBuilder b) {
        for (var e : map.entrySet()) {
            List<MapEntry> entries = new ArrayList<>(e.getValue());
            entries.sort(Comparator.comparing(MapEntry::until, Comparator.nullsLast(Comparator.naturalOrder())));
            List<MapEntry> kept = new ArrayList<>();
            for (MapEntry en : entries) {
                if (!kept.isEmpty() && java.util.Objects.equals(en.until, kept.get(kept.size() - 1).until)) {
                    b.problems.add(new Curated.Problem(en.file, en.line, "'" + e.getKey() + "' is already mapped"
                            + (en.until == null ? " without a date" : " until that date") + "; line skipped"));
                } else {
                    kept.add(en);
                }
            }
            entries = kept;
            Long from = null;
            for (int i = 0; i < entries.size(); i++) {
                MapEntry en = entries.get(i);
                Long until = i == entries.size() - 1 ? null : en.until;
                try {
                    if (e.getKey().contains("@")) {
                        b.enrollments.add(new Curated.Enrollment(e.getKey(), en.organization, from, until));
                    } else {
                        b.domains.add(new Curated.DomainRule(e.getKey(), en.organization, from, until));
                    }
                } catch (IllegalArgumentException ex) {
                    b.problems.add(new Curated.Problem(en.file, en.line, ex.getMessage()));
                }
                from = en.until;
            }
        }
    }

    private static String content(String line) {
        int hash = line.indexOf('#');
        return (hash >= 0 ? line.substring(0, hash) : line).strip();
    }

    /**
     * The file's lines, each decoded on its own: UTF-8 when it is valid UTF-8, else windows-1252 with a problem
     * naming the line, so one stray byte does not turn every "Université" of the file into "UniversitÃ©".
     */
    static List<String> lines(Path file, CuratedBuilder b) {
        byte[] bytes = dev.tributary.InputFiles.read(file, "gitdm file", dev.tributary.InputFiles.CURATED_LIMIT);
        // a file that is UTF-8 throughout (nearly all) is checked once, and its lines decoded by String's own fast path:
        // no line of it can fail alone, since a newline byte never falls inside a UTF-8 sequence
        boolean utf8 = strictUtf8(java.nio.ByteBuffer.wrap(bytes));
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                if (i == bytes.length && start == i) {
                    break;
                }
                int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                if (utf8 || strictUtf8(java.nio.ByteBuffer.wrap(bytes, start, end - start))) {
                    out.add(new String(bytes, start, end - start, StandardCharsets.UTF_8));
                } else {
                    out.add(new String(bytes, start, end - start, java.nio.charset.Charset.forName("windows-1252")));
                    b.problems.add(new Curated.Problem(file.toString(), out.size(), "not UTF-8: read as windows-1252"));
                }
                start = i + 1;
            }
        }
        return out;
    }

    /** Whether the bytes are valid UTF-8 (the JDK's decoder, reporting what {@code new String} would replace). */
    private static boolean strictUtf8(java.nio.ByteBuffer bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(bytes);
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
