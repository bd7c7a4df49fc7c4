package dev.tributary.metrics;

import dev.tributary.TributaryException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What every metric has, whatever its source and whether or not its counts split by group: the name users
 * type with dashes, and a one-line definition (CHAOSS's name in parentheses where one exists), written on the
 * constant as its {@link Definition}. Implemented by the metric enums; {@link MetricDefinition} adds whether
 * counts add up across groups.
 */
public interface MetricName {
    /**
     * A metric's one-line definition, on its enum constant:
     * {@code @Definition("messages posted in the period") messages}. Every constant of a metric enum has one.
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    @interface Definition {
        String value();
    }

    /** The enum constant's name, underscores between words. */
    String name();

    /** One line: what is counted, and the CHAOSS metric it follows (the constant's {@link Definition}). */
    default String definition() {
        Class<?> kind = ((Enum<?>) this).getDeclaringClass();
        try {
            Definition d = kind.getField(name()).getAnnotation(Definition.class);
            if (d == null) {
                throw new IllegalStateException(kind.getName() + "." + name() + " has no @Definition");
            }
            return d.value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(kind.getName() + "." + name() + " is not a constant", e);
        }
    }

    /** The name users type: dashes, not underscores. */
    default String label() {
        return name().replace('_', '-');
    }

    /** The metric of {@code kind} named {@code label} (dashes or underscores), or null when there is none. */
    static <E extends Enum<E> & MetricName> E find(Class<E> kind, String label) {
        try {
            return Enum.valueOf(kind, label.replace('-', '_'));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The metric of {@code kind} named {@code label} (dashes or underscores).
     *
     * @throws TributaryException.InvalidInput naming the label and where {@code hint} says they are listed
     */
    static <E extends Enum<E> & MetricName> E of(Class<E> kind, String label, String what, String hint) {
        E found = find(kind, label);
        if (found == null) {
            throw new TributaryException.InvalidInput("unknown " + what + " '" + label + "'; " + hint);
        }
        return found;
    }
}
