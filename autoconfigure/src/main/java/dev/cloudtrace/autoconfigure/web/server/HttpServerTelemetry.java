package dev.cloudtrace.autoconfigure.web.server;

import dev.cloudtrace.autoconfigure.web.HttpTelemetryBuilder;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRoute;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanNameExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanStatusExtractor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Creates the server spans of a servlet application with the OpenTelemetry instrumentation
 * API and its HTTP semantic conventions: span name, status, attributes (captured headers
 * included), {@code http.route}, and the incoming trace context read by the configured
 * propagators.
 * <p>
 * Built here rather than with the OpenTelemetry Spring MVC library, whose builder always
 * adds HTTP server metrics: their histogram advice needs {@code opentelemetry-api-incubator},
 * an artifact Spring Boot does not manage, whose version would then have to match the SDK
 * of each Boot line. Without a meter provider those metrics recorded nothing anyway.
 */
public final class HttpServerTelemetry {

	/**
	 * Instrumentation scope of the server spans.
	 */
	public static final String INSTRUMENTATION_NAME = "dev.cloudtrace.spring-webmvc";

	private final Instrumenter<HttpServletRequest, HttpServletResponse> instrumenter;

	private HttpServerTelemetry(Instrumenter<HttpServletRequest, HttpServletResponse> instrumenter) {
		this.instrumenter = instrumenter;
	}

	/**
	 * Creates telemetry with the default settings.
	 * @param openTelemetry the OpenTelemetry instance whose tracer and propagators to use
	 * @return the telemetry
	 */
	public static HttpServerTelemetry create(OpenTelemetry openTelemetry) {
		return builder(openTelemetry).build();
	}

	/**
	 * Returns a builder.
	 * @param openTelemetry the OpenTelemetry instance whose tracer and propagators to use
	 * @return the builder
	 */
	public static Builder builder(OpenTelemetry openTelemetry) {
		return new Builder(openTelemetry);
	}

	Instrumenter<HttpServletRequest, HttpServletResponse> instrumenter() {
		return this.instrumenter;
	}

	/**
	 * Builds {@link HttpServerTelemetry}.
	 */
	public static final class Builder extends HttpTelemetryBuilder<Builder> {

		private Builder(OpenTelemetry openTelemetry) {
			super(openTelemetry);
		}

		/**
		 * Builds the telemetry.
		 * @return the telemetry
		 */
		public HttpServerTelemetry build() {
			ServletHttpAttributesGetter getter = ServletHttpAttributesGetter.INSTANCE;
			Instrumenter<HttpServletRequest, HttpServletResponse> instrumenter = Instrumenter
				.<HttpServletRequest, HttpServletResponse>builder(getOpenTelemetry(), INSTRUMENTATION_NAME,
						HttpSpanNameExtractor.create(getter))
				.setSpanStatusExtractor(HttpSpanStatusExtractor.create(getter))
				.addAttributesExtractor(HttpServerAttributesExtractor.builder(getter)
					.setCapturedRequestHeaders(getCapturedRequestHeaders())
					.setCapturedResponseHeaders(getCapturedResponseHeaders())
					.build())
				.addContextCustomizer(HttpServerRoute.create(getter))
				.setErrorCauseExtractor(ServletErrorCauseExtractor.INSTANCE)
				.buildServerInstrumenter(ServletRequestGetter.INSTANCE);
			return new HttpServerTelemetry(instrumenter);
		}

	}

}
