package dev.cloudtrace.autoconfigure.propagation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.cloudtrace.autoconfigure.InvalidCloudTracePropertyException;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.extension.trace.propagation.B3Propagator;

import org.springframework.util.ClassUtils;

/**
 * Builds the composite propagator from a list of {@link PropagationType}s.
 */
public final class ContextPropagatorsFactory {

	private static final String B3_PROPAGATOR = "io.opentelemetry.extension.trace.propagation.B3Propagator";

	private ContextPropagatorsFactory() {
	}

	/**
	 * Creates the propagators, in the order given; duplicates are ignored.
	 * @param types the formats
	 * @param trustIncoming whether an extracted context becomes the parent of the
	 * request's spans; if not, see {@link UntrustedContextPropagator}
	 * @param classLoader the class loader that must see optional formats' classes
	 * @return the propagators
	 */
	public static ContextPropagators create(List<PropagationType> types, boolean trustIncoming,
			ClassLoader classLoader) {
		Set<PropagationType> distinct = new LinkedHashSet<>(types);
		List<TextMapPropagator> propagators = distinct.stream()
			.map((type) -> propagator(type, classLoader))
			.toList();
		TextMapPropagator composite = TextMapPropagator.composite(propagators);
		return ContextPropagators
			.create(trustIncoming ? composite : UntrustedContextPropagator.wrap(composite));
	}

	private static TextMapPropagator propagator(PropagationType type, ClassLoader classLoader) {
		return switch (type) {
			case TRACECONTEXT -> BoundedTraceContextPropagator.getInstance();
			case BAGGAGE -> BoundedBaggagePropagator.getInstance();
			case CLOUD_TRACE -> XCloudTraceContextPropagator.getInstance();
			case CLOUD_TRACE_ONEWAY -> XCloudTraceContextPropagator.getOneWayInstance();
			case B3, B3MULTI -> b3(type, classLoader);
		};
	}

	private static TextMapPropagator b3(PropagationType type, ClassLoader classLoader) {
		InvalidCloudTracePropertyException.check(ClassUtils.isPresent(B3_PROPAGATOR, classLoader),
				"cloudtrace.propagation.types", type.name().toLowerCase(),
				"b3 and b3multi need io.opentelemetry:opentelemetry-extension-trace-propagators on the classpath.");
		return B3Formats.create(type == PropagationType.B3MULTI);
	}

	/**
	 * Keeps the optional B3 classes out of the factory's own signature.
	 */
	private static final class B3Formats {

		static TextMapPropagator create(boolean multipleHeaders) {
			return multipleHeaders ? B3Propagator.injectingMultiHeaders() : B3Propagator.injectingSingleHeader();
		}

	}

}
