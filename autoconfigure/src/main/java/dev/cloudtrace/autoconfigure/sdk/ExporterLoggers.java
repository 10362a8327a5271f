package dev.cloudtrace.autoconfigure.sdk;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Silences the per-batch failure messages of OpenTelemetry's OTLP exporters while
 * {@link ReportingSpanExporter} reports failures once per episode.
 * <p>
 * Those exporters log every failed export through {@code java.util.logging}: at WARNING for
 * an error status, and at SEVERE with a stack trace when the endpoint cannot be reached,
 * throttled only to five a minute. With the reporting exporter in front of them these
 * messages say nothing new, so their loggers are set to OFF. That is the switch: a logger
 * (or a parent, such as {@code io.opentelemetry}) that already has a level of its own is
 * left alone, so {@code logging.level.io.opentelemetry.exporter=warn} in Spring Boot, which
 * passes the level on to {@code java.util.logging}, brings OpenTelemetry's own messages back.
 */
final class ExporterLoggers {

	static final List<String> NAMES = List.of("io.opentelemetry.exporter.internal.http.HttpExporter",
			"io.opentelemetry.exporter.internal.grpc.GrpcExporter");

	// java.util.logging holds loggers weakly: a level set on a logger that nothing references
	// is lost when the logger is collected, before the exporter class that uses it is loaded.
	private static final Set<Logger> configured = ConcurrentHashMap.newKeySet();

	private ExporterLoggers() {
	}

	/**
	 * Sets the exporters' loggers to OFF unless they or a parent other than the root
	 * logger have a level of their own; undoes an earlier OFF of its own once a parent has
	 * been given a level (a logging configuration applied later, or another application in
	 * the same JVM).
	 */
	static void silence() {
		for (String name : NAMES) {
			Logger logger = Logger.getLogger(name);
			boolean silencedHere = configured.contains(logger) && Level.OFF.equals(logger.getLevel());
			boolean levelOfItsOwn = !silencedHere && logger.getLevel() != null;
			if (levelOfItsOwn || parentHasLevel(logger)) {
				if (silencedHere) {
					logger.setLevel(null);
					configured.remove(logger);
				}
			}
			else {
				logger.setLevel(Level.OFF);
				configured.add(logger);
			}
		}
	}

	private static boolean parentHasLevel(Logger logger) {
		for (Logger parent = logger.getParent(); parent != null && parent.getParent() != null; parent = parent
			.getParent()) {
			if (parent.getLevel() != null) {
				return true;
			}
		}
		return false;
	}

}
