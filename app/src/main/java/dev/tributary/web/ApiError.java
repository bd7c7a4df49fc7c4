package dev.tributary.web;

/**
 * A request the API refuses: the HTTP status, a message for the caller, and the parameter at fault (null when
 * no one parameter is). Rendered as {@code {"error": ..., "parameter": ...}}.
 */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final String parameter;

    ApiError(int status, String parameter, String message) {
        super(message);
        this.status = status;
        this.parameter = parameter;
    }

    static ApiError badParameter(String parameter, String message) {
        return new ApiError(400, parameter, parameter + ": " + message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, null, message);
    }
}
