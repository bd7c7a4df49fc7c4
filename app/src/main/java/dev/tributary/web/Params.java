package dev.tributary.web;

import dev.tributary.model.Dates;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters of one request, checked: each getter returns the value or throws an {@link ApiError}
 * (400) naming the parameter and the bad value. Unknown parameters are refused, so a typo is not silently
 * ignored. Not thread-safe; one per request.
 */
final class Params {
    private final Map<String, List<String>> values;

    Params(Map<String, List<String>> values, Set<String> allowed) {
        this.values = values;
        for (String name : new TreeSet<>(values.keySet())) {
            if (!allowed.contains(name)) {
                throw ApiError.badParameter(name, "unknown parameter (this endpoint takes: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    /** The single value, or null when absent. */
    String one(String name) {
        List<String> v = values.get(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (v.size() > 1) {
            throw ApiError.badParameter(name, "given " + v.size() + " times; give it once");
        }
        return v.get(0);
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    int integer(String name, int otherwise, int min, int max) {
        String v = one(name);
        if (v == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw ApiError.badParameter(name, "'" + v + "' is out of range " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.badParameter(name, "'" + v + "' is not a whole number");
        }
    }

    boolean bool(String name, boolean otherwise) {
        String v = one(name);
        if (v == null) {
            return otherwise;
        }
        switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true": case "1": case "yes": return true;
            case "false": case "0": case "no": return false;
            default: throw ApiError.badParameter(name, "'" + v + "' is not true or false");
        }
    }

    /** A date (YYYY-MM-DD, UTC) or ISO date-time, as epoch seconds; null when absent. */
    Long date(String name) {
        String v = one(name);
        try {
            return Dates.parseOptional(v);
        } catch (IllegalArgumentException e) {
            throw ApiError.badParameter(name, "'" + v + "' is not a date (YYYY-MM-DD or ISO date-time)");
        }
    }

    <E extends Enum<E>> E choice(String name, Class<E> type, E otherwise) {
        String v = one(name);
        if (v == null) {
            return otherwise;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v.trim())) {
                return e;
            }
        }
        StringBuilder known = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            known.append(known.length() == 0 ? "" : ", ").append(e.name());
        }
        throw ApiError.badParameter(name, "'" + v + "' is not one of " + known);
    }
}
