package dev.cloudtrace.autoconfigure.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import dev.cloudtrace.autoconfigure.Secrets;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Sits between a batch span processor and its exporter, counts what is exported and lost,
 * and reports trouble once per episode: one WARN when exports start failing, with the
 * reason, and one INFO when they succeed again; the same for spans the processor drops
 * because its queue is full (a WARN only when no failure was reported already). Nothing is
 * logged per batch, no stack trace is logged, and every reason is stripped of credentials.
 * <p>
 * It runs on the processor's worker thread and the exporter's callback threads only.
 */
final class ReportingSpanExporter implements SpanExporter {

	private static final Log logger = LogFactory.getLog(ReportingSpanExporter.class);

	private final String name;

	private final SpanExporter delegate;

	private final LongSupplier droppedSpans;

	private final AtomicLong exportedSpans = new AtomicLong();

	private final AtomicLong failedSpans = new AtomicLong();

	private final AtomicLong failedExports = new AtomicLong();

	private final Object monitor = new Object();

	private boolean failing;

	private long failedExportsInEpisode;

	private long lastDroppedSpans;

	private long droppedSpansInEpisode;

	/**
	 * Creates an exporter.
	 * @param name names the exporter in log messages, e.g. its bean name
	 * @param delegate the exporter that sends the spans
	 * @param droppedSpans reads how many spans the batch span processor in front of this
	 * exporter has dropped so far
	 */
	ReportingSpanExporter(String name, SpanExporter delegate, LongSupplier droppedSpans) {
		this.name = name;
		this.delegate = delegate;
		this.droppedSpans = droppedSpans;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		checkDroppedSpans();
		int count = spans.size();
		CompletableResultCode result;
		try {
			result = this.delegate.export(spans);
		}
		catch (RuntimeException ex) {
			// Left to the batch span processor, it would be logged with its stack trace for every batch.
			result = CompletableResultCode.ofExceptionalFailure(ex);
		}
		CompletableResultCode completed = result;
		completed.whenComplete(() -> {
			if (completed.isSuccess()) {
				succeeded(count);
			}
			else {
				failed(count, completed.getFailureThrowable());
			}
		});
		return completed;
	}

	private void succeeded(int count) {
		this.exportedSpans.addAndGet(count);
		synchronized (this.monitor) {
			if (this.failing) {
				logger.info("Exporting spans with " + this.name + " works again, after " + this.failedExportsInEpisode
						+ " failed export(s)");
				this.failing = false;
				this.failedExportsInEpisode = 0;
			}
		}
	}

	private void failed(int count, Throwable failure) {
		this.failedSpans.addAndGet(count);
		this.failedExports.incrementAndGet();
		synchronized (this.monitor) {
			this.failedExportsInEpisode++;
			if (!this.failing) {
				this.failing = true;
				logger.warn("Exporting spans with " + this.name + " failed: " + describe(failure)
						+ ". Spans are dropped until an export succeeds; until then further failures are not logged");
			}
		}
	}

	private void checkDroppedSpans() {
		long dropped = this.droppedSpans.getAsLong();
		synchronized (this.monitor) {
			long fresh = dropped - this.lastDroppedSpans;
			this.lastDroppedSpans = dropped;
			if (fresh > 0) {
				if (this.droppedSpansInEpisode == 0 && !this.failing) {
					logger.warn("The export queue of " + this.name + " is full, so new spans are dropped (" + fresh
							+ " so far); export is slower than spans are made. Raise cloudtrace.batch.max-queue-size or "
							+ "sample fewer spans. Further drops are not logged until the queue has room again");
				}
				this.droppedSpansInEpisode += fresh;
			}
			else if (this.droppedSpansInEpisode > 0) {
				logger.info("The export queue of " + this.name + " has room again; " + this.droppedSpansInEpisode
						+ " span(s) were dropped");
				this.droppedSpansInEpisode = 0;
			}
		}
	}

	/**
	 * Returns how many spans this exporter exported.
	 * @return the number of spans in successful exports
	 */
	long exportedSpans() {
		return this.exportedSpans.get();
	}

	/**
	 * Returns how many spans were lost in failed exports.
	 * @return the number of spans in failed exports
	 */
	long failedSpans() {
		return this.failedSpans.get();
	}

	/**
	 * Returns how many exports failed.
	 * @return the number of failed exports
	 */
	long failedExports() {
		return this.failedExports.get();
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
		return "ReportingSpanExporter{" + this.delegate + "}";
	}

	/**
	 * Describes why an export failed, in one line without credentials.
	 * @param failure what the export failed with, may be {@code null}
	 * @return the description
	 */
	static String describe(Throwable failure) {
		if (failure == null) {
			return "the exporter gave no reason";
		}
		String description = OtlpFailures.describe(failure);
		return Secrets.redact((description != null) ? description : describeException(failure));
	}

	private static String describeException(Throwable failure) {
		Throwable cause = failure.getCause();
		String message = failure.getMessage();
		if (cause != null && cause != failure && (isWrapper(failure) || cause.toString().equals(message))) {
			return describeException(cause);
		}
		// The JDK's HTTP client throws, for example, a ConnectException without a message.
		for (Throwable inner = cause; message == null && inner != null && inner != inner.getCause(); inner = inner
			.getCause()) {
			message = inner.getMessage();
		}
		if (message != null && failure.getClass() == IOException.class) {
			// The starter's own failures (credentials, tokens) are plain IOExceptions whose message says it all.
			return message;
		}
		return failure.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	private static boolean isWrapper(Throwable failure) {
		return failure instanceof CompletionException || failure instanceof ExecutionException
				|| failure instanceof UncheckedIOException;
	}

	/**
	 * Reads the failures of OpenTelemetry's OTLP exporters: a {@code FailedExportException}
	 * that carries the HTTP response or gRPC status. The class lives in an internal package
	 * of {@code opentelemetry-exporter-common}, which reaches the application at runtime
	 * only, so its public accessors are called reflectively; whatever does not fit falls
	 * back to describing the exception itself.
	 */
	private static final class OtlpFailures {

		private static final String FAILED_EXPORT = "io.opentelemetry.exporter.internal.FailedExportException";

		private static final String HTTP_RESPONSE = "io.opentelemetry.exporter.internal.http.HttpSender$Response";

		private static final String GRPC_RESPONSE = "io.opentelemetry.exporter.internal.grpc.GrpcResponse";

		private static final String GRPC_UTIL = "io.opentelemetry.exporter.internal.grpc.GrpcExporterUtil";

		static String describe(Throwable failure) {
			String type = failure.getClass().getName();
			if (!type.startsWith(FAILED_EXPORT + "$")) {
				return null;
			}
			try {
				Object response = call(failure, failure.getClass().getName(), "getResponse");
				if (response == null) {
					return (failure.getCause() != null) ? describeException(failure.getCause()) : null;
				}
				if (type.endsWith("$HttpExportException")) {
					int status = (Integer) call(response, HTTP_RESPONSE, "statusCode");
					return "the endpoint answered HTTP " + status
							+ statusMessage((byte[]) call(response, HTTP_RESPONSE, "responseBody"));
				}
				Object description = call(response, GRPC_RESPONSE, "grpcStatusDescription");
				return "the endpoint answered gRPC status " + call(response, GRPC_RESPONSE, "grpcStatusValue")
						+ ((description != null) ? " (" + description + ")" : "");
			}
			catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
				return null;
			}
		}

		// The body of an OTLP/HTTP error is an encoded google.rpc.Status: its message says why.
		private static String statusMessage(byte[] body) throws ReflectiveOperationException {
			if (body == null || body.length == 0) {
				return "";
			}
			Method getStatusMessage = Class.forName(GRPC_UTIL, false, OtlpFailures.class.getClassLoader())
				.getMethod("getStatusMessage", byte[].class);
			try {
				Object message = getStatusMessage.invoke(null, (Object) body);
				return (message instanceof String text && !text.isBlank()) ? " (" + text + ")" : "";
			}
			catch (InvocationTargetException ex) {
				return "";
			}
		}

		// Calls a method through the public type that declares it, as the runtime class of
		// a response may not be public.
		private static Object call(Object target, String declaringType, String method)
				throws ReflectiveOperationException {
			Class<?> type = Class.forName(declaringType, false, OtlpFailures.class.getClassLoader());
			return type.getMethod(method).invoke(target);
		}

	}

}
