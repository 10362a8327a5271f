package dev.cloudtrace.autoconfigure.web.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.cloudtrace.autoconfigure.InvalidCloudTracePropertyException;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * Request paths that get no server span, as Spring MVC path patterns parsed once at startup.
 * <p>
 * Every request is checked, so the common shapes are matched without parsing the path: a
 * literal pattern is compared with {@code equals}, and {@code /prefix/**} with a prefix
 * check. Those shortcuts agree with {@link PathPattern} for paths without percent-encoding
 * or {@code ;} parameters; any other path, and any other pattern, goes through
 * {@link PathPattern#matches(PathContainer)}.
 */
public final class ExcludedPaths {

	private static final String ALLOWED = "use path patterns starting with '/' in Spring MVC syntax "
			+ "(?, *, ** and {name}), e.g. /actuator/** or /internal/*/status";

	private static final String MULTI_SEGMENT_SUFFIX = "/**";

	private final String[] literals;

	private final String[] prefixes;

	private final PathPattern[] others;

	private final PathPattern[] all;

	private ExcludedPaths(List<String> literals, List<String> prefixes, List<PathPattern> others,
			List<PathPattern> all) {
		this.literals = literals.toArray(String[]::new);
		this.prefixes = prefixes.toArray(String[]::new);
		this.others = others.toArray(PathPattern[]::new);
		this.all = all.toArray(PathPattern[]::new);
	}

	/**
	 * Parses the patterns of a property.
	 * @param property the property name, for the error message
	 * @param patterns the configured patterns
	 * @return the compiled patterns
	 * @throws InvalidCloudTracePropertyException if a pattern is blank or invalid
	 */
	public static ExcludedPaths compile(String property, List<String> patterns) {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < patterns.size(); i++) {
			names.add(property + "[" + i + "]");
		}
		return compile(names, patterns);
	}

	/**
	 * Parses the one pattern of a property.
	 * @param property the property name, for the error message
	 * @param pattern the configured pattern
	 * @return the compiled pattern
	 * @throws InvalidCloudTracePropertyException if the pattern is blank or invalid
	 */
	public static ExcludedPaths compile(String property, String pattern) {
		return compile(List.of(property), Collections.singletonList(pattern));
	}

	private static ExcludedPaths compile(List<String> names, List<String> patterns) {
		List<String> literals = new ArrayList<>();
		List<String> prefixes = new ArrayList<>();
		List<PathPattern> others = new ArrayList<>();
		List<PathPattern> all = new ArrayList<>();
		for (int i = 0; i < patterns.size(); i++) {
			String pattern = patterns.get(i);
			String name = names.get(i);
			InvalidCloudTracePropertyException.check(pattern != null && pattern.startsWith("/")
					&& pattern.chars().noneMatch(Character::isWhitespace), name, pattern, ALLOWED + ".");
			PathPattern parsed = parse(name, pattern);
			all.add(parsed);
			if (isLiteral(pattern)) {
				literals.add(pattern);
			}
			else if (pattern.endsWith(MULTI_SEGMENT_SUFFIX)
					&& isLiteral(pattern.substring(0, pattern.length() - MULTI_SEGMENT_SUFFIX.length()))) {
				prefixes.add(pattern.substring(0, pattern.length() - MULTI_SEGMENT_SUFFIX.length()));
			}
			else {
				others.add(parsed);
			}
		}
		return new ExcludedPaths(literals, prefixes, others, all);
	}

	private static PathPattern parse(String property, String pattern) {
		try {
			return PathPatternParser.defaultInstance.parse(pattern);
		}
		catch (PatternParseException ex) {
			throw new InvalidCloudTracePropertyException(property, pattern,
					ALLOWED + " (" + ex.getMessage() + ").");
		}
	}

	private static boolean isLiteral(String pattern) {
		for (int i = 0; i < pattern.length(); i++) {
			if ("*?{}%;\\".indexOf(pattern.charAt(i)) >= 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether no pattern is configured.
	 * @return {@code true} if no path is excluded
	 */
	public boolean isEmpty() {
		return this.all.length == 0;
	}

	/**
	 * Whether a path matches one of the patterns.
	 * @param path the request path after the context path, as sent (not decoded)
	 * @return {@code true} if the request gets no span
	 */
	public boolean matches(String path) {
		if (this.all.length == 0) {
			return false;
		}
		if (isPlain(path)) {
			for (String literal : this.literals) {
				if (literal.equals(path)) {
					return true;
				}
			}
			for (String prefix : this.prefixes) {
				if (path.startsWith(prefix)
						&& (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
					return true;
				}
			}
			return this.others.length > 0 && matchesAny(this.others, path);
		}
		return matchesAny(this.all, path);
	}

	private static boolean isPlain(String path) {
		return path.indexOf('%') < 0 && path.indexOf(';') < 0;
	}

	private static boolean matchesAny(PathPattern[] patterns, String path) {
		PathContainer container = PathContainer.parsePath(path);
		for (PathPattern pattern : patterns) {
			if (pattern.matches(container)) {
				return true;
			}
		}
		return false;
	}

}
