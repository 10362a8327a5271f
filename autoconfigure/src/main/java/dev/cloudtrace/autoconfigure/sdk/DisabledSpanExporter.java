package dev.cloudtrace.autoconfigure.sdk;

import java.util.Collection;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * A span exporter that is switched off, and says why: it exports nothing, and the tracer
 * provider gives it no batch span processor, so no span is queued for it and no worker
 * thread waits on it. Returned for an exporter that is configured but cannot work (Cloud
 * Trace without a project); a bean of this type with the name of a configured exporter
 * switches that exporter off.
 */
public final class DisabledSpanExporter implements SpanExporter {

	private final String reason;

	/**
	 * Creates a disabled exporter.
	 * @param reason why the exporter is switched off, e.g. {@code "no Google Cloud project id"}
	 */
	public DisabledSpanExporter(String reason) {
		this.reason = reason;
	}

	/**
	 * Returns why the exporter is switched off.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode flush() {
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode shutdown() {
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public String toString() {
		return "DisabledSpanExporter{" + this.reason + "}";
	}

}
