package dev.tributary.identity;

import com.google.common.net.InternetDomainName;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule for hiding addresses (the HTML report's {@code --hide-emails}, the server's email privacy):
 * everything but a public registrable domain is masked. An address shows as {@code …@example.com} only when it
 * has one {@code @}, a local part, and a domain under a public suffix (its registrable domain is shown:
 * {@code ann@mail.cs.example.edu} is {@code …@example.edu}); anything else ({@code root@localhost},
 * {@code jdoe@jdoe-laptop}, {@code ipv6@[::1]}, {@code dup@@double.org}, a bare {@code plainuser}) is
 * {@code …} alone, since what is not a public domain may name a person or a machine. Stateless.
 */
public final class EmailMask {
    /** What a hidden part is replaced with. */
    public static final String HIDDEN = "\u2026";
    /** A word of free text holding an '@': split where addresses end in text ({@code Ann <a@b>}, {@code (a@b),}). */
    private static final Pattern WORD = Pattern.compile("[^\\s<>()\\[\\]\"',;]*@[^\\s<>()\"',;]*");

    private EmailMask() {
    }

    /** A value known to be an address (an email column), masked. */
    public static String address(String email) {
        if (email == null || email.isEmpty()) {
            return email == null ? "" : "";
        }
        String e = email.trim();
        int at = e.indexOf('@');
        if (at <= 0 || at != e.lastIndexOf('@')) {
            return HIDDEN;
        }
        String domain = e.substring(at + 1).toLowerCase(Locale.ROOT);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        try {
            if (!InternetDomainName.isValid(domain)) {
                return HIDDEN;
            }
            InternetDomainName name = InternetDomainName.from(domain);
            return name.isUnderPublicSuffix() ? HIDDEN + "@" + name.topPrivateDomain() : HIDDEN;
        } catch (IllegalArgumentException | IllegalStateException ex) {
            return HIDDEN;
        }
    }

    /** Free text (a name, a subject) with every word that holds an '@' masked as an {@link #address}. */
    public static String text(String s) {
        if (s == null || s.indexOf('@') < 0) {
            return s;
        }
        Matcher m = WORD.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(address(m.group())));
        }
        m.appendTail(b);
        return b.toString();
    }
}
