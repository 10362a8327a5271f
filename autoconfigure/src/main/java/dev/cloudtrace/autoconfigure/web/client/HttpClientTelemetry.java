package dev.cloudtrace.autoconfigure.web.client;

import dev.cloudtrace.autoconfigure.web.HttpTelemetryBuilder;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanNameExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanStatusExtractor;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Creates the client spans of {@code RestTemplate} and {@code RestClient} calls with the
 * OpenTelemetry instrumentation API and its HTTP semantic conventions (span name, status,
 * attributes, captured headers), and injects the trace context with the configured
 * propagators.
 * <p>
 * Built here rather than with the OpenTelemetry Spring Web library, whose builder always
 * adds HTTP client metrics: their histogram advice needs {@code opentelemetry-api-incubator},
 * an artifact Spring Boot does not manage, whose version would then have to match the SDK
 * of each Boot line. The library also reads headers through a {@code Map} method that
 * Spring Framework 7's {@code HttpHeaders} no longer has.
 */
public final class HttpClientTelemetry {

	/**
	 * Instrumentation scope of the client spans.
	 */
	public static final String INSTRUMENTATION_NAME = "dev.cloudtrace.spring-web";

	private final Instrumenter<HttpRequest, ClientHttpResponse> instrumenter;

	private HttpClientTelemetry(Instrumenter<HttpRequest, ClientHttpResponse> instrumenter) {
		this.instrumenter = instrumenter;
	}

	/**
	 * Creates telemetry with the default settings.
	 * @param openTelemetry the OpenTelemetry instance whose tracer and propagators to use
	 * @return the telemetry
	 */
	public static HttpClientTelemetry create(OpenTelemetry openTelemetry) {
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

	/**
	 * Returns a new interceptor that traces the calls it intercepts.
	 * @return the interceptor
	 */
	public ClientHttpRequestInterceptor newInterceptor() {
		return new ClientSpanInterceptor(this.instrumenter);
	}

	/**
	 * Builds {@link HttpClientTelemetry}.
	 */
	public static final class Builder extends HttpTelemetryBuilder<Builder> {

		private Builder(OpenTelemetry openTelemetry) {
			super(openTelemetry);
		}

		/**
		 * Builds the telemetry.
		 * @return the telemetry
		 */
		public HttpClientTelemetry build() {
			SpringHttpClientAttributesGetter getter = SpringHttpClientAttributesGetter.INSTANCE;
			Instrumenter<HttpRequest, ClientHttpResponse> instrumenter = Instrumenter
				.<HttpRequest, ClientHttpResponse>builder(getOpenTelemetry(), INSTRUMENTATION_NAME,
						HttpSpanNameExtractor.create(getter))
				.setSpanStatusExtractor(HttpSpanStatusExtractor.create(getter))
				.addAttributesExtractor(HttpClientAttributesExtractor.builder(getter)
					.setCapturedRequestHeaders(getCapturedRequestHeaders())
					.setCapturedResponseHeaders(getCapturedResponseHeaders())
					.build())
				.buildClientInstrumenter(Builder::setHeader);
			return new HttpClientTelemetry(instrumenter);
		}

		private static void setHeader(@Nullable HttpRequest request, String name, String value) {
			if (request != null) {
				request.getHeaders().set(name, value);
			}
		}

	}

}
