package dev.cloudtrace.autoconfigure.sdk;

import java.util.Collection;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;

/**
 * Reads what a {@link BatchSpanProcessor} counts about itself: the spans it dropped because
 * its queue was full, and the spans waiting in its queue.
 * <p>
 * The processor reports these only through the metrics API, so it gets a meter provider of
 * its own, which nothing else records to and which is read on demand. A drop costs the
 * request thread that ended the span one counter increment, which the processor makes in
 * any case (on a no-op counter when it has no meter provider).
 */
final class BatchSpanProcessorMetrics {

	// Names and attributes of the instruments of BatchSpanProcessor (opentelemetry-sdk-trace 1.55).
	private static final String PROCESSED_SPANS = "processedSpans";

	private static final String QUEUE_SIZE = "queueSize";

	private static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("dropped");

	private final OnDemandMetricReader reader = new OnDemandMetricReader();

	private final SdkMeterProvider meterProvider = SdkMeterProvider.builder().registerMetricReader(this.reader).build();

	/**
	 * Returns the meter provider to give the batch span processor.
	 * @return the meter provider
	 */
	MeterProvider meterProvider() {
		return this.meterProvider;
	}

	/**
	 * Reads the current values.
	 * @return the spans dropped so far and the spans queued now
	 */
	Snapshot read() {
		long dropped = 0;
		long queued = 0;
		for (MetricData metric : this.reader.collect()) {
			if (PROCESSED_SPANS.equals(metric.getName()) && metric.getType() == MetricDataType.LONG_SUM) {
				for (LongPointData point : metric.getLongSumData().getPoints()) {
					if (Boolean.TRUE.equals(point.getAttributes().get(DROPPED))) {
						dropped += point.getValue();
					}
				}
			}
			else if (QUEUE_SIZE.equals(metric.getName()) && metric.getType() == MetricDataType.LONG_GAUGE) {
				for (LongPointData point : metric.getLongGaugeData().getPoints()) {
					queued += point.getValue();
				}
			}
		}
		return new Snapshot(dropped, queued);
	}

	/**
	 * Returns how many spans the processor has dropped so far.
	 * @return the number of dropped spans
	 */
	long droppedSpans() {
		return read().dropped();
	}

	/**
	 * The values read at one moment.
	 *
	 * @param dropped spans dropped so far because the queue was full
	 * @param queued spans waiting in the queue
	 */
	record Snapshot(long dropped, long queued) {

	}

	/**
	 * A reader that collects only when asked. The SDK's own readers either push on a timer
	 * thread of their own ({@code PeriodicMetricReader}) or live in its testing artifact.
	 */
	private static final class OnDemandMetricReader implements MetricReader {

		private volatile CollectionRegistration registration = CollectionRegistration.noop();

		@Override
		public void register(CollectionRegistration registration) {
			this.registration = registration;
		}

		Collection<MetricData> collect() {
			return this.registration.collectAllMetrics();
		}

		@Override
		public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
			return AggregationTemporality.CUMULATIVE;
		}

		@Override
		public CompletableResultCode forceFlush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

}
