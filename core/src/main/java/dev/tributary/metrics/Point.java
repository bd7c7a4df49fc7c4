package dev.tributary.metrics;

/**
 * One value of a series: a metric in a period ({@code all} for the whole window), for everyone
 * ({@code group} "all") or one group (an organization, a person, a module; "Other" for those beyond the
 * top N). Every kind of metric (commits, mail, the next sources) answers in points.
 */
public record Point(String period, String metric, String group, double value) {
}
