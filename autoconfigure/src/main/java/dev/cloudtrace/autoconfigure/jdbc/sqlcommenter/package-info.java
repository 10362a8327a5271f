/**
 * sqlcommenter comments that carry the trace context to the database, for Cloud SQL and
 * AlloyDB Query Insights.
 */
@NullMarked
package dev.cloudtrace.autoconfigure.jdbc.sqlcommenter;

import org.jspecify.annotations.NullMarked;
