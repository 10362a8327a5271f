/**
 * Logs that link to their trace: the current span's ids in the logging MDC, where Spring
 * Boot's default console and file patterns print them, and the JSON format that Cloud
 * Logging reads (see {@link dev.cloudtrace.autoconfigure.logging.structured}).
 */
@NullMarked
package dev.cloudtrace.autoconfigure.logging;

import org.jspecify.annotations.NullMarked;
