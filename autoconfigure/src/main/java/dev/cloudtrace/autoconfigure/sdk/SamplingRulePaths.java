package dev.cloudtrace.autoconfigure.sdk;

import java.util.function.Predicate;

import dev.cloudtrace.autoconfigure.InvalidCloudTracePropertyException;
import dev.cloudtrace.autoconfigure.web.server.ExcludedPaths;

import org.springframework.util.ClassUtils;

/**
 * Compiles the path pattern of a sampling rule as {@code cloudtrace.http.server.excluded-paths}
 * are compiled: with Spring's {@code PathPattern}, which only an application with Spring Web
 * has, so this is the one class of the package that loads it, and only when a rule exists.
 */
final class SamplingRulePaths {

	private static final String PATH_PATTERN = "org.springframework.web.util.pattern.PathPattern";

	private SamplingRulePaths() {
	}

	static Predicate<String> compile(String property, String pattern) {
		InvalidCloudTracePropertyException.check(ClassUtils.isPresent(PATH_PATTERN, null), property, pattern,
				"sampling rules match request paths, which needs Spring Web (spring-boot-starter-webmvc).");
		return ExcludedPaths.compile(property, pattern)::matches;
	}

}
