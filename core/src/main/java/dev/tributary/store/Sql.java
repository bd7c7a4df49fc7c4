package dev.tributary.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The few shapes in which Tributary runs a statement over JDBC, each with its values bound as parameters in
 * order (never spliced into the SQL): every row read into a list, the first row, each row given to a consumer,
 * an update, and rows appended to a table. Stateless; the caller owns the connection, its transaction, and
 * reports a failure in its own words.
 */
public final class Sql {
    private Sql() {
    }

    /** Reads a value from the current row of a result. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Takes the current row of a result. */
    @FunctionalInterface
    public interface EachRow {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Appends one value's columns to a row an appender began. */
    @FunctionalInterface
    public interface RowWriter<T> {
        void write(DuckDBAppender row, T value) throws SQLException;
    }

    /** Binds {@code values} to the parameters of {@code ps}, from the first on. */
    public static void bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setObject(i + 1, values[i]);
        }
    }

    /** Gives each row {@code sql} returns with {@code values} bound to {@code each}, streaming. */
    public static void each(Connection conn, String sql, EachRow each, Object... values) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            bind(ps, values);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(rs);
                }
            }
        }
    }

    /** What {@code row} reads from every row {@code sql} returns with {@code values} bound, in order. */
    public static <T> List<T> list(Connection conn, String sql, Row<T> row, Object... values) throws SQLException {
        List<T> out = new ArrayList<>();
        each(conn, sql, rs -> out.add(row.read(rs)), values);
        return out;
    }

    /** What {@code row} reads from the first row {@code sql} returns with {@code values} bound, if any (a null read is none). */
    public static <T> Optional<T> first(Connection conn, String sql, Row<T> row, Object... values) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            bind(ps, values);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(row.read(rs)) : Optional.empty();
            }
        }
    }

    /** Runs the update {@code sql} with {@code values} bound; returns how many rows it changed. */
    public static int update(Connection conn, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            bind(ps, values);
            return ps.executeUpdate();
        }
    }

    /** Runs {@code sql} once per row of {@code rows}, each row's values bound in order, as one batch. */
    public static void batch(Connection conn, String sql, List<Object[]> rows) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (Object[] row : rows) {
                bind(ps, row);
                ps.addBatch();
            }
            if (!rows.isEmpty()) {
                ps.executeBatch();
            }
        }
    }

    /** Appends a row to {@code table} for each of {@code values}, its columns written by {@code writer}. */
    public static <T> void append(Connection conn, String table, Iterable<T> values, RowWriter<T> writer) throws SQLException {
        DuckDBConnection dc = conn.unwrap(DuckDBConnection.class);
        try (DuckDBAppender a = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table)) {
            for (T v : values) {
                writer.write(a.beginRow(), v);
                a.endRow();
            }
        }
    }
}
