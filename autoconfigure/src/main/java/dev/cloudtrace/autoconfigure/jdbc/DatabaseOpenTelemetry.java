package dev.cloudtrace.autoconfigure.jdbc;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import org.jspecify.annotations.Nullable;

/**
 * The {@link OpenTelemetry} that the JDBC library instrumentation is built with: the
 * application's tracer provider, whose span builders start no trace of their own unless
 * root spans are wanted, and whose spans record a database error without the values in
 * its message when statements are sanitized.
 * <p>
 * The library offers neither choice: its instrumenter starts a root span for a statement
 * outside any trace, and records the driver's exception as it is. Its metrics get a no-op
 * meter provider, as the starter exports traces only. With sqlcommenter, connection spans
 * keep the application's data source in their names (see {@link ConnectionSpanNaming}).
 */
final class DatabaseOpenTelemetry implements OpenTelemetry {

	private final OpenTelemetry delegate;

	private final TracerProvider tracerProvider;

	DatabaseOpenTelemetry(OpenTelemetry delegate, boolean rootSpans, boolean sanitizeErrors,
			@Nullable ConnectionSpanNaming naming) {
		this.delegate = delegate;
		this.tracerProvider = new DatabaseTracerProvider(delegate.getTracerProvider(), rootSpans, sanitizeErrors,
				naming);
	}

	@Override
	public TracerProvider getTracerProvider() {
		return this.tracerProvider;
	}

	@Override
	public MeterProvider getMeterProvider() {
		return MeterProvider.noop();
	}

	@Override
	public ContextPropagators getPropagators() {
		return this.delegate.getPropagators();
	}

	private record DatabaseTracerProvider(TracerProvider delegate, boolean rootSpans, boolean sanitizeErrors,
			@Nullable ConnectionSpanNaming naming) implements TracerProvider {

		@Override
		public Tracer get(String instrumentationScopeName) {
			return tracer(this.delegate.get(instrumentationScopeName));
		}

		@Override
		public Tracer get(String instrumentationScopeName, String instrumentationScopeVersion) {
			return tracer(this.delegate.get(instrumentationScopeName, instrumentationScopeVersion));
		}

		@Override
		public TracerBuilder tracerBuilder(String instrumentationScopeName) {
			return new DatabaseTracerBuilder(this, this.delegate.tracerBuilder(instrumentationScopeName));
		}

		private Tracer tracer(Tracer tracer) {
			return (spanName) -> new DatabaseSpanBuilder(
					tracer.spanBuilder((this.naming != null) ? this.naming.spanName(spanName) : spanName),
					this.rootSpans, this.sanitizeErrors, this.naming);
		}

	}

	private record DatabaseTracerBuilder(DatabaseTracerProvider provider,
			TracerBuilder delegate) implements TracerBuilder {

		@Override
		public TracerBuilder setSchemaUrl(String schemaUrl) {
			this.delegate.setSchemaUrl(schemaUrl);
			return this;
		}

		@Override
		public TracerBuilder setInstrumentationVersion(String instrumentationScopeVersion) {
			this.delegate.setInstrumentationVersion(instrumentationScopeVersion);
			return this;
		}

		@Override
		public Tracer build() {
			return this.provider.tracer(this.delegate.build());
		}

	}

}
