package dev.cloudtrace.autoconfigure.jdbc;

/**
 * Marks a {@code DataSource} bean whose connections the starter traces, so that it is never
 * wrapped twice.
 */
public interface TracedDataSource {

}
