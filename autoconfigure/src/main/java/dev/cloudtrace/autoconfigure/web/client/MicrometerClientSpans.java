package dev.cloudtrace.autoconfigure.web.client;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.util.function.SingletonSupplier;

/**
 * Tells whether the HTTP call being made is already traced by Spring's own client
 * observation: the current observation is Spring's HTTP client exchange, and Micrometer
 * Tracing gave it a span (which, through the OpenTelemetry bridge, becomes a client span of
 * the same trace and propagates the context itself).
 * <p>
 * Spring Boot applies that observation to every {@code RestTemplate} and {@code RestClient}
 * built from its builders when Micrometer Tracing is set up; without this check such a call
 * would get two client spans, Micrometer's and this starter's. An observation that only
 * records metrics has no span, and the starter's interceptor still creates one.
 */
final class MicrometerClientSpans implements BooleanSupplier {

	// Looked up on the first call (interceptors are created while bean post-processors run,
	// before the registry may exist), and kept, even when there is none.
	private final Supplier<Optional<ObservationRegistry>> registry;

	/**
	 * Creates a check against the given registry.
	 * @param registry supplies the application's observation registry, or {@code null} when
	 * there is none; called once
	 */
	MicrometerClientSpans(Supplier<@Nullable ObservationRegistry> registry) {
		this.registry = SingletonSupplier.of(() -> Optional.ofNullable(registry.get()));
	}

	@Override
	public boolean getAsBoolean() {
		ObservationRegistry registry = this.registry.get().orElse(null);
		Observation current = (registry != null) ? registry.getCurrentObservation() : null;
		if (current == null || !(current.getContextView() instanceof ClientRequestObservationContext context)) {
			return false;
		}
		TracingContext tracing = context.get(TracingContext.class);
		return tracing != null && tracing.getSpan() != null;
	}

}
