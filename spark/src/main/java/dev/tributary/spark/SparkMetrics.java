package dev.tributary.spark;

import dev.tributary.metrics.Health;
import dev.tributary.metrics.Interval;
import dev.tributary.metrics.Point;
import dev.tributary.metrics.Split;
import dev.tributary.model.Organizations;
import dev.tributary.model.Scope;
import dev.tributary.store.read.ContributorRows;
import dev.tributary.store.read.ContributorSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The contributor metrics ({@code tributary metrics --format json}) in Spark SQL over a Parquet export: the core's
 * {@link Health} computes every metric from the rows a {@link ContributorSource} gives, and this source answers
 * with the Spark SQL twins of the store's reads ({@link ContributorRows#rowsOverExport} and its siblings), the
 * organization at each commit's date from the export's {@code resolution}; so the JSON is the CLI's. Commits
 * only (no other kinds, no {@code --by module}, no {@code --times}); a module or path filter reads the export's
 * {@code files}; the session's time zone is set to UTC.
 */
public final class SparkMetrics {
    private SparkMetrics() {
    }

    /** The points, as {@code new Health(store).run(...)} gives them for the same request on the store. */
    public static List<Point> compute(SparkSession spark, Path export, SparkReport.Request request, boolean includeMerges,
            List<Health.Metric> metrics, Interval interval, Split split, int top) {
        SparkReport.register(spark, export, request);
        spark.conf().set("spark.sql.session.timeZone", "UTC");
        spark.sql("SELECT individual, CAST(dense_rank() OVER (ORDER BY individual) - 1 AS INT) AS pid"
                + " FROM (SELECT DISTINCT individual FROM eco_contributions) d").cache() // numbered once, not per query
                .createOrReplaceTempView("eco_people");
        // the scope's repositories get numbers of their own; parts stay (name, scope) in eco_parts
        List<String> names = new ArrayList<>(new TreeSet<>(request.parts().keySet()));
        List<Scope.Part> parts = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            parts.add(new Scope.Part(i, request.parts().get(names.get(i))));
        }
        Scope scope = new Scope(parts, request.window().since(), request.window().until(), request.includeBots(), includeMerges, request.paths());
        return new Health(new Source(spark)).run(scope, metrics, interval, split, top);
    }

    /** The reads of {@link Health}, by the export queries, through one session. */
    private static final class Source implements ContributorSource {
        private final SparkSession spark;
        private int people = -1;

        Source(SparkSession spark) {
            this.spark = spark;
        }

        private int people() {
            if (people < 0) {
                people = (int) spark.sql("SELECT count(*) FROM eco_people").collectAsList().get(0).getLong(0);
            }
            return people;
        }

        @Override
        public ContributorRows.Rows rows(Scope scope, ContributorRows.Ask ask) {
            ContributorRows.Rows out = ContributorRows.Rows.of(people());
            for (Object[] r : SparkReport.rows(spark, ContributorRows.rowsOverExport(scope, ask))) {
                int who = ((Number) r[1]).intValue();
                if (ask.names()) {
                    out.person(who, null, (String) r[2]);
                }
                String org = (String) r[3];
                out.add(num(r[0]), who, org == null ? 0 : out.organization(org), Boolean.TRUE.equals(r[4]), num(r[5]), num(r[6]),
                        num(r[7]), num(r[8]));
            }
            if (ask.names()) {
                for (Row r : spark.sql("SELECT pid, individual FROM eco_people").collectAsList()) {
                    out.person(r.getInt(0), r.getString(1), null);
                }
            }
            return out;
        }

        @Override
        public long[] firstByOrganization(Scope scope, ContributorRows.Rows rows) {
            long[] out = new long[rows.organizations()];
            Arrays.fill(out, Long.MAX_VALUE);
            for (Object[] r : SparkReport.rows(spark, ContributorRows.firstByOrganizationOverExport(scope))) {
                Integer id = rows.organizationId((String) r[0]);
                if (id != null) {
                    out[id] = num(r[1]);
                }
            }
            return out;
        }

        @Override
        public long[] firstByPerson(Scope scope, int n) {
            long[] out = new long[n];
            Arrays.fill(out, Long.MAX_VALUE);
            for (Object[] r : SparkReport.rows(spark, ContributorRows.firstByPersonOverExport(scope))) {
                out[((Number) r[0]).intValue()] = num(r[1]);
            }
            return out;
        }

        @Override
        public void active(Scope scope, boolean organizations, ContributorRows.Rows rows, BitSet who, BitSet orgs) {
            for (Object[] r : SparkReport.rows(spark, ContributorRows.activeOverExport(scope, organizations))) {
                who.set(((Number) r[0]).intValue());
                String org = (String) r[1];
                if (org != null && !org.equals(Organizations.UNKNOWN) && !org.equals(Organizations.INDEPENDENT)) {
                    orgs.set(rows.organization(org));
                }
            }
        }

        @Override
        public long[] span(Scope scope) {
            List<Object[]> r = SparkReport.rows(spark, ContributorRows.spanOverExport(scope));
            return r.isEmpty() || r.get(0)[0] == null ? null : new long[] {num(r.get(0)[0]), num(r.get(0)[1])};
        }
    }

    private static long num(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }
}
