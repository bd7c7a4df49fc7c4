package dev.tributary.identity;

import dev.tributary.model.Curated;
import dev.tributary.model.Curated.Alias;
import dev.tributary.model.Curated.DomainRule;
import dev.tributary.model.Curated.Enrollment;
import dev.tributary.model.Curated.OrgAlias;
import dev.tributary.model.Curated.Problem;
import java.util.ArrayList;
import java.util.List;

/** Collects what one curated source says, in file order, for the importers; not thread-safe. */
final class CuratedBuilder {
    final String source;
    final List<Alias> aliases = new ArrayList<>();
    final List<Enrollment> enrollments = new ArrayList<>();
    final List<DomainRule> domains = new ArrayList<>();
    final List<OrgAlias> orgAliases = new ArrayList<>();
    final List<Problem> problems = new ArrayList<>();
    final List<Curated.AccountId> accounts = new ArrayList<>();
    /** where each alias was read ({@code file:line}), for messages about it */
    final java.util.Map<Alias, String> aliasWhere = new java.util.HashMap<>();

    CuratedBuilder(String source) {
        this.source = source;
    }

    Curated build() {
        return new Curated(source, aliases, enrollments, domains, orgAliases, problems, accounts);
    }
}
