/**
 * The {@code gcp} structured logging format: one JSON object per line, with the fields that
 * Cloud Logging's agents (Cloud Run, GKE, the Ops Agent) turn into a LogEntry, built on
 * Spring Boot's structured logging for Logback and Log4j2.
 */
@NullMarked
package dev.cloudtrace.autoconfigure.logging.structured;

import org.jspecify.annotations.NullMarked;
