package dev.tributary.identity;

import dev.tributary.model.Curated;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code .mailmap} with git's semantics (gitmailmap(5)): the four line forms
 * <pre>
 * Proper Name &lt;commit@email&gt;
 * &lt;proper@email&gt; &lt;commit@email&gt;
 * Proper Name &lt;proper@email&gt; &lt;commit@email&gt;
 * Proper Name &lt;proper@email&gt; Commit Name &lt;commit@email&gt;
 * </pre>
 * Emails and names match case-insensitively; an entry with a commit name wins over one without; later
 * lines override earlier ones for the same key. Immutable and thread-safe once built.
 */
public final class Mailmap {
    private static final Pattern ADDR = Pattern.compile("<([^>]*)>");

    /** What a (name, email) maps to; a null part keeps the commit's own. */
    public record Mapping(String name, String email) {
    }

    private final Map<String, Mapping> byEmail = new HashMap<>();
    private final Map<String, Mapping> byNameAndEmail = new HashMap<>();


    private Mailmap() {
    }

    /** Parses mailmap text; lines it cannot read are ignored, as git ignores them. */
    public static Mailmap parse(String text) {
        Mailmap m = new Mailmap();
        for (String raw : text.split("\r?\n")) {
            String line = raw;
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            Matcher a = ADDR.matcher(line);
            List<int[]> spans = new ArrayList<>();
            List<String> emails = new ArrayList<>();
            while (a.find()) {
                spans.add(new int[] {a.start(), a.end()});
                emails.add(a.group(1).trim());
            }
            if (emails.isEmpty()) {
                continue;
            }
            String properName = blankToNull(line.substring(0, spans.get(0)[0]).trim());
            if (emails.size() == 1) {
                if (properName != null) {
                    m.byEmail.put(key(emails.get(0)), new Mapping(properName, null));
                }
                continue;
            }
            String properEmail = blankToNull(emails.get(0));
            String commitName = blankToNull(line.substring(spans.get(0)[1], spans.get(1)[0]).trim());
            Mapping mapping = new Mapping(properName, properEmail);
            if (commitName == null) {
                m.byEmail.put(key(emails.get(1)), mapping);
            } else {
                m.byNameAndEmail.put(key(commitName) + "\n" + key(emails.get(1)), mapping);
            }
        }
        return m;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String key(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /**
     * The address links this mailmap makes (commit address → proper address), for use as curated aliases.
     * A link that git applies to one name only applies here to the address.
     */
    public List<Curated.Alias> aliases() {
        List<Curated.Alias> out = new ArrayList<>();
        byEmail.forEach((email, m) -> {
            if (m.email() != null && !key(m.email()).equals(email)) {
                out.add(new Curated.Alias(email, m.email()));
            }
        });
        byNameAndEmail.forEach((nameAndEmail, m) -> {
            String email = nameAndEmail.substring(nameAndEmail.indexOf('\n') + 1);
            if (m.email() != null && !key(m.email()).equals(email)) {
                out.add(new Curated.Alias(email, m.email()));
            }
        });
        out.sort(java.util.Comparator.comparing(Curated.Alias::email).thenComparing(Curated.Alias::canonical));
        return out;
    }

    /** The canonical (name, email) for a commit's (name, email), as {@code git check-mailmap} prints it. */
    public Mapping map(String name, String email) {
        Mapping m = byNameAndEmail.get(key(name) + "\n" + key(email));
        if (m == null) {
            m = byEmail.get(key(email));
        }
        if (m == null) {
            return new Mapping(name, email);
        }
        return new Mapping(m.name() != null ? m.name() : name, m.email() != null ? m.email() : email);
    }
}
