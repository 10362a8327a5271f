package dev.cloudtrace.autoconfigure.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import dev.cloudtrace.autoconfigure.Secrets;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

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

	private static final String NO_DETAILS = ", without details (logging.level.io.opentelemetry.exporter=warn logs "
			+ "OpenTelemetry's own message for each failure, with the endpoint's answer)";

	private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\R\\s*");

	private final String name;

	private final SpanExporter delegate;

	private final LongSupplier droppedSpans;

	private final AtomicLong exportedSpans = new AtomicLong();

	private final AtomicLong failedSpans = new AtomicLong();

	private final AtomicLong failedExports = new AtomicLong();

	private final AtomicLong completedExports = new AtomicLong();

	private final AtomicLong exportNanos = new AtomicLong();

	private final Object monitor = new Object();

	private boolean failing;

	private long failedExportsInEpisode;

	private long lastDroppedSpans;

	private long droppedSpansInEpisode;

	private final Clock clock;

	private @Nullable Instant lastSuccessfulExport;

	private @Nullable Instant failingSince;

	private @Nullable String failureReason;

	private long droppedSpansAtFailureStart;

	/**
	 * Creates an exporter.
	 * @param name names the exporter in log messages, e.g. its bean name
	 * @param delegate the exporter that sends the spans
	 * @param droppedSpans reads how many spans the batch span processor in front of this
	 * exporter has dropped so far
	 */
	ReportingSpanExporter(String name, SpanExporter delegate, LongSupplier droppedSpans) {
		this(name, delegate, droppedSpans, Clock.systemUTC());
	}

	ReportingSpanExporter(String name, SpanExporter delegate, LongSupplier droppedSpans, Clock clock) {
		this.name = name;
		this.delegate = delegate;
		this.droppedSpans = droppedSpans;
		this.clock = clock;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		checkDroppedSpans();
		int count = spans.size();
		long start = System.nanoTime();
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
			this.exportNanos.addAndGet(System.nanoTime() - start);
			this.completedExports.incrementAndGet();
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
			this.lastSuccessfulExport = this.clock.instant();
			if (this.failing) {
				logger.info("Exporting spans with " + this.name + " works again, after " + this.failedExportsInEpisode
						+ " failed export(s)");
				this.failing = false;
				this.failedExportsInEpisode = 0;
				this.failingSince = null;
				this.failureReason = null;
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
				this.failingSince = this.clock.instant();
				this.failureReason = describe(failure);
				this.droppedSpansAtFailureStart = this.droppedSpans.getAsLong();
				logger.warn("Exporting spans with " + this.name + " failed: " + this.failureReason
						+ ((failure == null || hasMessage(failure)) ? "" : NO_DETAILS)
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
	 * Returns the name of the exporter in log messages.
	 * @return the name, e.g. the exporter's bean name
	 */
	String name() {
		return this.name;
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
	 * Returns how many exports have completed, successfully or not.
	 * @return the number of completed exports
	 */
	long completedExports() {
		return this.completedExports.get();
	}

	/**
	 * Returns the time the completed exports took, from the start of each to its result,
	 * retries included.
	 * @return the total time in nanoseconds
	 */
	double exportNanos() {
		return this.exportNanos.get();
	}

	/**
	 * Returns how many exports failed.
	 * @return the number of failed exports
	 */
	long failedExports() {
		return this.failedExports.get();
	}

	/**
	 * Returns the current failure episode, if any, and when an export last succeeded.
	 * @return the state
	 */
	Episode episode() {
		long dropped = this.droppedSpans.getAsLong();
		synchronized (this.monitor) {
			if (this.failing) {
				return new Episode(this.lastSuccessfulExport, this.failingSince, this.failureReason,
						this.failedExportsInEpisode, dropped - this.droppedSpansAtFailureStart);
			}
			return new Episode(this.lastSuccessfulExport, null, null, 0, this.droppedSpansInEpisode);
		}
	}

	/**
	 * What the exporter knows about its current trouble.
	 *
	 * @param lastSuccessfulExport when an export last succeeded, or {@code null} if none has
	 * @param failingSince when the current failure episode started, or {@code null} if
	 * exports work
	 * @param failureReason why the first export of the episode failed, without credentials
	 * @param failedExports exports that failed in the episode
	 * @param droppedSpans spans dropped because the queue was full, in the failure episode,
	 * or else in the current episode of a full queue
	 */
	record Episode(@Nullable Instant lastSuccessfulExport, @Nullable Instant failingSince,
			@Nullable String failureReason, long failedExports,
			long droppedSpans) {

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
	static String describe(@Nullable Throwable failure) {
		if (failure == null) {
			return "the exporter gave no reason";
		}
		return LINE_BREAKS.matcher(Secrets.redact(describeException(failure))).replaceAll(" ");
	}

	/**
	 * Returns whether a failure says anything beyond the types in its chain. OpenTelemetry's
	 * OTLP exporters, for one, fail an export that the endpoint answered with an error
	 * status with an exception that has neither message nor cause: they name the status
	 * only in their own log.
	 * @param failure what the export failed with, may be {@code null}
	 * @return whether the failure or one of its causes has a message of its own
	 */
	static boolean hasMessage(Throwable failure) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < 10; depth++) {
			Throwable cause = (current.getCause() != current) ? current.getCause() : null;
			String message = current.getMessage();
			// new Exception(cause) takes cause.toString() as its message: a type, no more.
			if (message != null && !message.isBlank() && (cause == null || !message.equals(cause.toString()))) {
				return true;
			}
			current = cause;
		}
		return false;
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

}
