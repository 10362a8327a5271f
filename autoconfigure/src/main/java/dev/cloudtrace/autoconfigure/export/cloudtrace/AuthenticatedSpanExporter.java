package dev.cloudtrace.autoconfigure.export.cloudtrace;

import java.io.IOException;
import java.util.Collection;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Exports through a delegate only once the {@link GoogleAuthHeaders} are fresh, so that no
 * request leaves without a valid token and token refresh happens on the exporter's thread.
 * Without a token the batch fails with the reason, which the exporter reports.
 */
public final class AuthenticatedSpanExporter implements SpanExporter {

	private final SpanExporter delegate;

	private final GoogleAuthHeaders headers;

	/**
	 * Creates an exporter.
	 * @param delegate the exporter that sends the spans, reading {@code headers}
	 * @param headers the request headers
	 */
	public AuthenticatedSpanExporter(SpanExporter delegate, GoogleAuthHeaders headers) {
		this.delegate = delegate;
		this.headers = headers;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		try {
			this.headers.refresh();
		}
		catch (IOException ex) {
			return CompletableResultCode.ofExceptionalFailure(ex);
		}
		return this.delegate.export(spans);
	}

	@Override
	public CompletableResultCode flush() {
		return this.delegate.flush();
	}

	@Override
	public CompletableResultCode shutdown() {
		return this.delegate.shutdown();
	}

	@Override
	public String toString() {
		return "AuthenticatedSpanExporter{" + this.delegate + "}";
	}

}
