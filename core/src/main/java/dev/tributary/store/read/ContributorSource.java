package dev.tributary.store.read;

import dev.tributary.model.Scope;
import java.util.BitSet;

/**
 * What {@code metrics.Health} reads: {@link ContributorRows} over the store (DuckDB), or an engine over the
 * Parquet export running {@link ContributorRows#rowsOverExport} and its siblings (the spark module). Each method
 * as {@link ContributorRows} documents it.
 */
public interface ContributorSource {
    ContributorRows.Rows rows(Scope scope, ContributorRows.Ask ask);

    long[] firstByOrganization(Scope scope, ContributorRows.Rows rows);

    long[] firstByPerson(Scope scope, int people);

    void active(Scope scope, boolean organizations, ContributorRows.Rows rows, BitSet people, BitSet orgs);

    long[] span(Scope scope);
}
