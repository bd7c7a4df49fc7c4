package dev.tributary.metrics;

/** How a series splits the counts that add up: not at all, by organization, or by person. */
public enum Split { none, organization, person }
