package dev.cloudtrace.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where the CPU of a request goes: the collapsed stacks that {@link Profiler} wrote for the
 * measured rounds of each variant, sorted into categories; each category's share of the
 * samples is a share of the user CPU that {@code /proc} counted over those rounds, per
 * request. Where its allocation goes: the bytes of the allocation profile's stacks, sorted
 * into the same categories, per request of its round.
 * <p>
 * A sample is tracing's when its deepest frame outside the JDK is tracing code (see
 * {@link #isTracing}); it then goes to the first tracing category whose rule matches one of
 * its frames, from the most specific (gzip inside the exporter) to the most general, so that,
 * for example, the propagation of a client span counts as propagation and not as the client
 * span. Other samples go to the first category of their thread or frames.
 */
final class ProfileBreakdown {

	private static final List<Category> CATEGORIES = new ArrayList<>();

	static {
		category("JIT compiler threads", Owner.ANY, thread("C1 CompilerThre", "C2 CompilerThre"));
		category("GC threads", Owner.ANY, thread("GC Thread", "G1 "));
		category("Export: gzip", Owner.TRACING, frame("java/util/zip/Deflater", "java/util/zip/GZIPOutputStream"));
		category("Export: protobuf marshalling", Owner.TRACING,
				frame("io/opentelemetry/exporter/internal/marshal", "io/opentelemetry/exporter/internal/otlp"));
		category("Export: token and credentials", Owner.TRACING, frame("com/google/auth"));
		// The exporter's JDK HTTP client runs on OpenTelemetry's "jdkhttp-executor" threads; its
		// selector thread ("HttpClient-N-SelectorManager") cannot be told from the application's.
		category("Export: HTTP send and the rest", Owner.ANY,
				frame("io/opentelemetry/exporter", "io/opentelemetry/sdk/trace/export/BatchSpanProcessor$Worker")
					.and(ProfileBreakdown::isTracing)
					.or(thread("jdkhttp-executo", "BatchSpanProce")));
		category("Propagation: inject and extract", Owner.TRACING,
				frame("io/opentelemetry/context/propagation", "io/opentelemetry/api/trace/propagation",
						"io/opentelemetry/extension/trace/propagation", "dev/cloudtrace/autoconfigure/propagation"));
		category("Attribute extraction (start and end)", Owner.TRACING,
				frame("AttributesExtractor.onStart", "AttributesExtractor.onEnd", "AttributesGetter",
						"dev/cloudtrace/autoconfigure/web/server/ServletHttp",
						"dev/cloudtrace/autoconfigure/web/client/SpringHttpClient"));
		category("Sampler", Owner.TRACING,
				frame("io/opentelemetry/sdk/trace/samplers", "dev/cloudtrace/autoconfigure/sdk/CloudTraceSampler",
						"dev/cloudtrace/autoconfigure/sdk/RuleBasedSampler",
						"dev/cloudtrace/autoconfigure/sdk/TraceRateLimiter"));
		category("Span start (builder, ids, processors' onStart)", Owner.TRACING,
				frame("SdkSpanBuilder.startSpan", "SpanProcessor.onStart", "Instrumenter.start", "Instrumenter.doStart"));
		category("Span end (end, queue offer)", Owner.TRACING,
				frame("SdkSpan.end", "SpanProcessor.onEnd", "Instrumenter.end"));
		category("Context and MDC", Owner.TRACING,
				frame("io/opentelemetry/context/", "dev/cloudtrace/autoconfigure/logging"));
		category("Starter's filter and interceptors, other", Owner.TRACING, (stack) -> true);
		category("Tomcat: reading request headers", Owner.APPLICATION, frame("Http11InputBuffer.parseHeader"));
		category("HTTP client: request headers", Owner.APPLICATION,
				frame("jdk/internal/net/http/Http1Request.headers", "jdk/internal/net/http/HttpRequestImpl"));
		// Any interceptor puts Spring's buffering request in front of the RestTemplate's own.
		category("RestTemplate: Spring's intercepting request", Owner.APPLICATION,
				deepestOutsideJdk("org/springframework/http/client/InterceptingClientHttpRequest",
						"org/springframework/http/client/AbstractBufferingClientHttpRequest",
						"org/springframework/util/FastByteArrayOutputStream"));
		category("Request threads: the application, Spring, Tomcat", Owner.APPLICATION, thread("http-nio-"));
		category("HTTP client threads: the application's calls", Owner.APPLICATION, thread("HttpClient-"));
		category("Other threads", Owner.ANY, (stack) -> true);
	}

	private ProfileBreakdown() {
	}

	private static void category(String name, Owner owner, Predicate<String[]> rule) {
		CATEGORIES.add(new Category(name, owner, rule));
	}

	/**
	 * Whether a sample is tracing's work: its deepest frame outside the JDK (and outside
	 * native code) belongs to this starter, OpenTelemetry or Google's auth library. The
	 * frames above it do not count: the server filter is an ancestor of all the application's
	 * work, and that work is not tracing's.
	 */
	static boolean isTracing(String[] stack) {
		String frame = deepestFrameOutsideJdk(stack);
		return frame != null && (frame.startsWith("dev/cloudtrace/autoconfigure/") || frame.startsWith("io/opentelemetry/")
				|| frame.startsWith("com/google/auth/") || frame.startsWith("com/google/cloud/opentelemetry/"));
	}

	// The deepest Java frame outside the JDK. Native frames are skipped: the JVM's and libc's
	// have no '/', shared libraries' are paths (zlib's deflate, under Deflater, is gzip's
	// work); so are allocated types (no '/').
	private static String deepestFrameOutsideJdk(String[] stack) {
		for (int i = stack.length - 1; i > 0; i--) {
			String frame = stack[i];
			if (!frame.contains("/") || frame.startsWith("/") || frame.startsWith("java/") || frame.startsWith("jdk/")
					|| frame.startsWith("sun/") || frame.startsWith("com/sun/") || frame.startsWith("javax/")) {
				continue;
			}
			return frame;
		}
		return null;
	}

	private static Predicate<String[]> deepestOutsideJdk(String... prefixes) {
		return (stack) -> {
			String frame = deepestFrameOutsideJdk(stack);
			if (frame != null) {
				for (String prefix : prefixes) {
					if (frame.startsWith(prefix)) {
						return true;
					}
				}
			}
			return false;
		};
	}

	private static Predicate<String[]> thread(String... prefixes) {
		return (stack) -> {
			String thread = stack[0].startsWith("[") ? stack[0].substring(1) : stack[0];
			for (String prefix : prefixes) {
				if (thread.startsWith(prefix)) {
					return true;
				}
			}
			return false;
		};
	}

	private static Predicate<String[]> frame(String... parts) {
		return (stack) -> {
			for (String frame : stack) {
				for (String part : parts) {
					if (frame.contains(part)) {
						return true;
					}
				}
			}
			return false;
		};
	}

	/**
	 * Reads collapsed stacks and returns the samples by category (or, for an allocation profile,
	 * the bytes).
	 * @param files the collapsed stack files of one variant (both JVMs in the two-service shape)
	 * @return samples by category, in the order of the categories
	 */
	static Map<String, Long> samples(List<Path> files) throws IOException {
		Map<String, Long> samples = new LinkedHashMap<>();
		CATEGORIES.forEach((category) -> samples.put(category.name(), 0L));
		for (Path file : files) {
			for (String line : Files.readAllLines(file)) {
				int space = line.lastIndexOf(' ');
				if (space < 0) {
					continue;
				}
				long count = Long.parseLong(line.substring(space + 1));
				String[] stack = line.substring(0, space).split(";");
				boolean tracing = isTracing(stack);
				for (Category category : CATEGORIES) {
					if (category.owner().admits(tracing) && category.rule().test(stack)) {
						samples.merge(category.name(), count, Long::sum);
						break;
					}
				}
			}
		}
		return samples;
	}

	/**
	 * Renders the breakdown of the variants against the first one (the application without
	 * tracing): each category's share of the samples times the user CPU per request, and the
	 * system CPU per request (which user-space samples do not see) in a row of its own.
	 * @param profiles the profile of each variant, baseline first
	 * @return a Markdown table
	 */
	static String render(List<Profile> profiles) {
		StringBuilder table = header("Where the CPU goes (µs per request)",
				profiles.stream().map(Profile::variant).toList());
		for (Category category : CATEGORIES) {
			row(table, category.name(), profiles, (profile) -> profile.micros(category.name()));
		}
		row(table, "Kernel: system calls (sockets, futex wake-ups of parked threads)", profiles,
				Profile::systemMicros);
		row(table, "**All (user and system, /proc)**", profiles,
				(profile) -> profile.userMicros() + profile.systemMicros());
		table.append('\n').append("Samples: ");
		profiles.forEach((profile) -> table.append(profile.variant())
			.append(' ')
			.append(profile.samples().values().stream().mapToLong(Long::longValue).sum())
			.append("; "));
		table.setLength(table.length() - 2);
		table.append(".\n");
		return table.toString();
	}

	/**
	 * Renders where the allocation of a request goes, in KB per request, against the first
	 * variant (the application without tracing). The CPU-only categories (JIT and GC threads)
	 * allocate nothing on the heap and are left out.
	 * @param allocations the allocation profile of each variant, baseline first
	 * @return a Markdown table
	 */
	static String renderAllocation(List<Allocation> allocations) {
		StringBuilder table = header("Where the allocation goes (KB per request)",
				allocations.stream().map(Allocation::variant).toList());
		for (Category category : CATEGORIES) {
			if (allocations.stream().allMatch((allocation) -> allocation.kilobytes(category.name()) == 0)) {
				continue;
			}
			row(table, category.name(), allocations, (allocation) -> allocation.kilobytes(category.name()));
		}
		row(table, "**All sampled**", allocations, Allocation::totalKilobytes);
		return table.toString();
	}

	// A column per variant, then one per variant but the first for its difference to the first.
	private static StringBuilder header(String title, List<String> variants) {
		StringBuilder table = new StringBuilder("| ").append(title).append(" |");
		variants.forEach((variant) -> table.append(' ').append(variant).append(" |"));
		variants.subList(1, variants.size())
			.forEach((variant) -> table.append(' ').append(variant).append(" − ").append(variants.get(0)).append(" |"));
		return table.append('\n').append("|---|").append("---|".repeat(2 * variants.size() - 1)).append('\n');
	}

	private static <T> void row(StringBuilder table, String name, List<T> profiles,
			java.util.function.ToDoubleFunction<T> value) {
		table.append("| ").append(name).append(" |");
		for (T profile : profiles) {
			table.append(String.format(Locale.ROOT, " %.1f |", value.applyAsDouble(profile)));
		}
		double baseline = value.applyAsDouble(profiles.get(0));
		for (T profile : profiles.subList(1, profiles.size())) {
			table.append(String.format(Locale.ROOT, " %+.1f |", value.applyAsDouble(profile) - baseline));
		}
		table.append('\n');
	}

	/**
	 * The profile of one variant.
	 *
	 * @param variant the variant's name
	 * @param samples the samples by category
	 * @param userMicros the user CPU per request, µs
	 * @param systemMicros the system CPU per request, µs
	 */
	record Profile(String variant, Map<String, Long> samples, double userMicros, double systemMicros) {

		double micros(String category) {
			long total = this.samples.values().stream().mapToLong(Long::longValue).sum();
			return (total > 0) ? this.samples.getOrDefault(category, 0L) * this.userMicros / total : 0;
		}

	}

	/**
	 * The allocation profile of one variant.
	 *
	 * @param variant the variant's name
	 * @param bytes the bytes allocated by category
	 * @param requests the requests served while the profile was taken
	 */
	record Allocation(String variant, Map<String, Long> bytes, long requests) {

		double kilobytes(String category) {
			return this.bytes.getOrDefault(category, 0L) / 1024.0 / this.requests;
		}

		double totalKilobytes() {
			return this.bytes.values().stream().mapToLong(Long::longValue).sum() / 1024.0 / this.requests;
		}

	}

	private record Category(String name, Owner owner, Predicate<String[]> rule) {
	}

	private enum Owner {

		ANY, TRACING, APPLICATION;

		boolean admits(boolean tracing) {
			return this == ANY || (this == TRACING) == tracing;
		}

	}

}
