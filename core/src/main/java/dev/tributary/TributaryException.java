package dev.tributary;

/**
 * Root of Tributary's small unchecked exception hierarchy. The edges map it: the CLI to an exit code
 * ({@link #exitCode()}), the server to an HTTP status. Messages are written for the user: they name the
 * file, line, object or value at fault.
 */
public class TributaryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TributaryException(String message) {
        super(message);
    }

    public TributaryException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The process exit code the CLI uses for this failure; 1 for an unexpected internal failure. */
    public int exitCode() {
        return 1;
    }

    /** Input the user gave is wrong: a path that is not a repository, an unknown revision, a bad date. Exit 3. */
    public static class InvalidInput extends TributaryException {
        private static final long serialVersionUID = 1L;

        public InvalidInput(String message) {
            super(message);
        }

        public InvalidInput(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public int exitCode() {
            return 3;
        }
    }

    /** The store cannot be opened or written: locked by another process, corrupt, or from a newer version. Exit 4. */
    public static class StoreFailure extends TributaryException {
        private static final long serialVersionUID = 1L;

        public StoreFailure(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public int exitCode() {
            return 4;
        }
    }
}
