package dev.tributary.report;

import dev.tributary.metrics.Ecosystem;
import java.util.List;
import java.util.Locale;

/**
 * The ecosystem view as one self-contained HTML page (no script, no network): organizations ranked across
 * the projects with each project's part as a bar, the top organization's share per project, and the new and
 * leaving organizations. Every text from the data is escaped. Stateless.
 */
public final class EcosystemPage {
    private EcosystemPage() {
    }

    public static String html(String title, Ecosystem.View v) {
        StringBuilder b = new StringBuilder(16_384);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<title>").append(Html.escape(title)).append("</title><style>")
                .append("body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:left}td.n{text-align:right}")
                .append(".bar{display:inline-block;height:10px;background:#5470c6;margin-right:4px;vertical-align:middle}")
                .append("</style></head><body>\n<h1>").append(Html.escape(title)).append("</h1>\n");
        if (v.release() != null || v.module() != null) {
            b.append("<p>").append(v.release() == null ? "" : "Release " + Html.escape(v.release()))
                    .append(v.release() != null && v.module() != null ? ", " : "")
                    .append(v.module() == null ? "" : "module " + Html.escape(v.module())).append('.');
            if (!v.projectsLeftOut().isEmpty()) {
                b.append(" Left out (no such release or module): ")
                        .append(Html.escape(String.join(", ", v.projectsLeftOut()))).append('.');
            }
            b.append("</p>\n");
        }
        b.append("<p>").append(v.projectCount()).append(" projects, ").append(String.format(Locale.ROOT, "%,d", v.commits()))
                .append(" commits from ").append(String.format(Locale.ROOT, "%,d", v.contributors())).append(" contributors; Unknown organization ")
                .append(pct(v.unknownCommits() == 0 ? 0 : (double) v.unknownCommits() / Math.max(1, v.commits()))).append(" of commits.</p>\n");
        b.append("<h2>Organizations across the ecosystem</h2>\n<table><tr><th>rank</th><th>organization</th><th>commits</th>"
                + "<th>share</th><th>contributors</th><th>projects (part of its commits)</th></tr>\n");
        for (Ecosystem.Organization o : v.organizations()) {
            b.append("<tr><td class=\"n\">").append(o.rank()).append("</td><td>").append(Html.escape(o.name()))
                    .append("</td><td class=\"n\">").append(o.commits()).append("</td><td class=\"n\">").append(pct(o.share()))
                    .append("</td><td class=\"n\">").append(o.contributors()).append("</td><td>");
            for (Ecosystem.ProjectPart p : o.projects().subList(0, Math.min(8, o.projects().size()))) {
                b.append("<span class=\"bar\" style=\"width:").append(Math.max(1, Math.round(p.share() * 120))).append("px\"></span>")
                        .append(Html.escape(p.project())).append(' ').append(pct(p.share())).append("<br>");
            }
            b.append("</td></tr>\n");
        }
        b.append("</table>\n<h2>Top organization per project</h2>\n<table><tr><th>project</th><th>commits</th><th>contributors</th>"
                + "<th>organizations</th><th>top organization</th><th>its share</th></tr>\n");
        for (Ecosystem.Project p : v.projects()) {
            b.append("<tr><td>").append(Html.escape(p.name())).append("</td><td class=\"n\">").append(p.commits())
                    .append("</td><td class=\"n\">").append(p.contributors()).append("</td><td class=\"n\">").append(p.organizations())
                    .append("</td><td>").append(p.topOrganization() == null ? "-" : Html.escape(p.topOrganization()))
                    .append("</td><td class=\"n\">").append(pct(p.topOrganizationShare())).append("</td></tr>\n");
        }
        b.append("</table>\n");
        if (v.since() != null) {
            changes(b, "New organizations (first commit in the window)", v.newOrganizations());
            changes(b, "Leaving organizations (active in the window before, not in this one)", v.leavingOrganizations());
        }
        return b.append("</body></html>\n").toString();
    }

    private static void changes(StringBuilder b, String heading, List<Ecosystem.Change> list) {
        b.append("<h2>").append(Html.escape(heading)).append("</h2>\n");
        if (list.isEmpty()) {
            b.append("<p>None.</p>\n");
            return;
        }
        b.append("<table><tr><th>organization</th><th>commits</th></tr>\n");
        for (Ecosystem.Change c : list) {
            b.append("<tr><td>").append(Html.escape(c.name())).append("</td><td class=\"n\">").append(c.commits()).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
