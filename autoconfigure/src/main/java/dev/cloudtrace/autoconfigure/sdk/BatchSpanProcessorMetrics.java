package dev.cloudtrace.autoconfigure.sdk;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounterBuilder;
import io.opentelemetry.api.metrics.DoubleGaugeBuilder;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongCounterBuilder;
import io.opentelemetry.api.metrics.LongGaugeBuilder;
import io.opentelemetry.api.metrics.LongUpDownCounterBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.metrics.ObservableDoubleGauge;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import org.jspecify.annotations.Nullable;

/**
 * Reads what a {@link BatchSpanProcessor} counts about itself: the spans it dropped because
 * its queue was full, and the spans waiting in its queue.
 * <p>
 * The processor reports these only through the metrics API, so it gets a meter provider of
 * its own that keeps exactly these two instruments and hands out no-op ones for anything
 * else. This is written by hand because the SDK's meter provider, which would also do it,
 * costs an application about 50 ms of startup CPU and 90 of its classes to read two numbers
 * (async-profiler, docs/performance.md). A drop costs the request thread that ended the
 * span one {@link LongAdder} increment.
 */
final class BatchSpanProcessorMetrics {

	// Names and attributes of the instruments of BatchSpanProcessor (opentelemetry-sdk-trace 1.49 to 1.55).
	private static final String PROCESSED_SPANS = "processedSpans";

	private static final String QUEUE_SIZE = "queueSize";

	private static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("dropped");

	private static final Meter NOOP = MeterProvider.noop().get("noop");

	private final LongAdder dropped = new LongAdder();

	private volatile @Nullable Consumer<ObservableLongMeasurement> queueSize;

	private final MeterProvider meterProvider = (instrumentationScopeName) -> new ProcessorMeterBuilder();

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
		return new Snapshot(this.dropped.sum(), queuedSpans());
	}

	/**
	 * Returns how many spans the processor has dropped so far.
	 * @return the number of dropped spans
	 */
	long droppedSpans() {
		return this.dropped.sum();
	}

	private long queuedSpans() {
		Consumer<ObservableLongMeasurement> callback = this.queueSize;
		if (callback == null) {
			return 0;
		}
		QueueSizeMeasurement measurement = new QueueSizeMeasurement();
		callback.accept(measurement);
		return measurement.value;
	}

	/**
	 * The values read at one moment.
	 *
	 * @param dropped spans dropped so far because the queue was full
	 * @param queued spans waiting in the queue
	 */
	record Snapshot(long dropped, long queued) {

	}

	private final class ProcessorMeterBuilder implements MeterBuilder {

		@Override
		public MeterBuilder setSchemaUrl(String schemaUrl) {
			return this;
		}

		@Override
		public MeterBuilder setInstrumentationVersion(String instrumentationScopeVersion) {
			return this;
		}

		@Override
		public Meter build() {
			return new ProcessorMeter();
		}

	}

	private final class ProcessorMeter implements Meter {

		@Override
		public LongCounterBuilder counterBuilder(String name) {
			return PROCESSED_SPANS.equals(name) ? new ProcessedSpansCounterBuilder() : NOOP.counterBuilder(name);
		}

		@Override
		public LongUpDownCounterBuilder upDownCounterBuilder(String name) {
			return NOOP.upDownCounterBuilder(name);
		}

		@Override
		public DoubleHistogramBuilder histogramBuilder(String name) {
			return NOOP.histogramBuilder(name);
		}

		@Override
		public DoubleGaugeBuilder gaugeBuilder(String name) {
			DoubleGaugeBuilder noop = NOOP.gaugeBuilder(name);
			return QUEUE_SIZE.equals(name) ? new QueueSizeGaugeBuilder(noop) : noop;
		}

	}

	private final class ProcessedSpansCounterBuilder implements LongCounterBuilder, LongCounter {

		@Override
		public LongCounterBuilder setDescription(String description) {
			return this;
		}

		@Override
		public LongCounterBuilder setUnit(String unit) {
			return this;
		}

		@Override
		public DoubleCounterBuilder ofDoubles() {
			return NOOP.counterBuilder(PROCESSED_SPANS).ofDoubles();
		}

		@Override
		public LongCounter build() {
			return this;
		}

		@Override
		public ObservableLongCounter buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
			return NOOP.counterBuilder(PROCESSED_SPANS).buildWithCallback(callback);
		}

		@Override
		public void add(long value) {
		}

		@Override
		public void add(long value, Attributes attributes) {
			if (Boolean.TRUE.equals(attributes.get(DROPPED))) {
				BatchSpanProcessorMetrics.this.dropped.add(value);
			}
		}

		@Override
		public void add(long value, Attributes attributes, Context context) {
			add(value, attributes);
		}

	}

	private final class QueueSizeGaugeBuilder implements DoubleGaugeBuilder {

		private final DoubleGaugeBuilder noop;

		QueueSizeGaugeBuilder(DoubleGaugeBuilder noop) {
			this.noop = noop;
		}

		@Override
		public DoubleGaugeBuilder setDescription(String description) {
			return this;
		}

		@Override
		public DoubleGaugeBuilder setUnit(String unit) {
			return this;
		}

		@Override
		public LongGaugeBuilder ofLongs() {
			return new QueueSizeLongGaugeBuilder();
		}

		@Override
		public ObservableDoubleGauge buildWithCallback(Consumer<ObservableDoubleMeasurement> callback) {
			return this.noop.buildWithCallback(callback);
		}

	}

	private final class QueueSizeLongGaugeBuilder implements LongGaugeBuilder {

		@Override
		public LongGaugeBuilder setDescription(String description) {
			return this;
		}

		@Override
		public LongGaugeBuilder setUnit(String unit) {
			return this;
		}

		@Override
		public ObservableLongGauge buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
			BatchSpanProcessorMetrics.this.queueSize = callback;
			return new ObservableLongGauge() {
			};
		}

	}

	private static final class QueueSizeMeasurement implements ObservableLongMeasurement {

		private long value;

		@Override
		public void record(long value) {
			this.value += value;
		}

		@Override
		public void record(long value, Attributes attributes) {
			this.value += value;
		}

	}

}
