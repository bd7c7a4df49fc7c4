package dev.tributary.source;

/** Receives progress of long work. Called from the collecting thread; implementations must be cheap. */
public interface Progress {
    Progress NONE = new Progress() {
        @Override
        public void start(String what, long total) {
        }

        @Override
        public void advance(long done) {
        }

        @Override
        public void finish() {
        }
    };

    /** Work named {@code what} begins; {@code total} units, or -1 when unknown. */
    void start(String what, long total);

    /** {@code done} units are finished so far (absolute, not a delta). */
    void advance(long done);

    void finish();

    /** The same progress with every piece of work named after {@code label} first ({@code nova: commits}). */
    default Progress labelled(String label) {
        if (this == NONE) {
            return NONE;
        }
        Progress p = this;
        return new Progress() {
            @Override
            public void start(String what, long total) {
                p.start(label + ": " + what, total);
            }

            @Override
            public void advance(long done) {
                p.advance(done);
            }

            @Override
            public void finish() {
                p.finish();
            }

            @Override
            public void at(String what) {
                p.at(what);
            }
        };
    }

    /** What is being worked on now (a repository's name, several joined when in parallel); shown beside the bar. */
    default void at(String what) {
    }
}
