package dev.cloudtrace.autoconfigure.web.server;

import io.opentelemetry.instrumentation.api.instrumenter.ErrorCauseExtractor;
import jakarta.servlet.ServletException;

/**
 * Records the exception a controller threw rather than the {@link ServletException} that
 * Spring's {@code DispatcherServlet} wraps it in.
 * <p>
 * Hand-written because the OpenTelemetry Spring MVC library uses the default extractor,
 * which does not unwrap servlet exceptions (the Java agent's servlet instrumentation does).
 */
enum ServletErrorCauseExtractor implements ErrorCauseExtractor {

	INSTANCE;

	@Override
	public Throwable extract(Throwable error) {
		Throwable cause = error;
		while (cause instanceof ServletException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return ErrorCauseExtractor.getDefault().extract(cause);
	}

}
