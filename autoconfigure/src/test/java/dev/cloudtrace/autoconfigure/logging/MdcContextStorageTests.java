package dev.cloudtrace.autoconfigure.logging;

import java.util.concurrent.atomic.AtomicBoolean;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MdcContextStorage}, on a storage of its own.
 */
class MdcContextStorageTests {

	private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

	private final AtomicBoolean active = new AtomicBoolean(true);

	private final ContextStorage storage = new MdcContextStorage(ContextStorage.defaultStorage(), this.active::get);

	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	@Test
	void putsIdsOfAttachedSpanAndRemovesThemOnClose() {
		try (Scope scope = this.storage.attach(context("00f067aa0ba902b7", true))) {
			assertThat(MDC.getCopyOfContextMap()).containsEntry("traceId", TRACE)
				.containsEntry("spanId", "00f067aa0ba902b7")
				.containsEntry("traceSampled", "true");
		}
		assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
	}

	@Test
	void recordsUnsampledSpan() {
		try (Scope scope = this.storage.attach(context("00f067aa0ba902b7", false))) {
			assertThat(MDC.get("traceSampled")).isEqualTo("false");
		}
	}

	@Test
	void restoresParentIdsWhenChildScopeCloses() {
		try (Scope parent = this.storage.attach(context("00f067aa0ba902b7", true))) {
			try (Scope child = this.storage.attach(context("1111111111111111", true))) {
				assertThat(MDC.get("spanId")).isEqualTo("1111111111111111");
			}
			assertThat(MDC.get("spanId")).isEqualTo("00f067aa0ba902b7");
			assertThat(MDC.get("traceId")).isEqualTo(TRACE);
		}
		assertThat(MDC.get("spanId")).isNull();
	}

	@Test
	void removesIdsWhileContextWithoutSpanIsCurrent() {
		try (Scope span = this.storage.attach(context("00f067aa0ba902b7", true))) {
			try (Scope root = this.storage.attach(Context.root())) {
				assertThat(MDC.get("traceId")).isNull();
				assertThat(MDC.get("spanId")).isNull();
				assertThat(MDC.get("traceSampled")).isNull();
			}
			assertThat(MDC.get("spanId")).isEqualTo("00f067aa0ba902b7");
		}
	}

	@Test
	void addsNothingForContextWithoutSpan() {
		try (Scope scope = this.storage.attach(Context.root().with(Baggage.builder().put("k", "v").build()))) {
			assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
		}
		assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
	}

	@Test
	void keepsIdsWhenSameSpanIsAttachedAgain() {
		Context span = context("00f067aa0ba902b7", true);
		try (Scope outer = this.storage.attach(span)) {
			try (Scope inner = this.storage.attach(span.with(Baggage.builder().put("k", "v").build()))) {
				assertThat(MDC.get("spanId")).isEqualTo("00f067aa0ba902b7");
			}
			assertThat(MDC.get("spanId")).isEqualTo("00f067aa0ba902b7");
		}
		assertThat(MDC.get("spanId")).isNull();
	}

	@Test
	void putsBackWhatTheMdcHeldBefore() {
		MDC.put("traceId", "set-by-someone-else");
		MDC.put("user", "alice");
		try (Scope scope = this.storage.attach(context("00f067aa0ba902b7", true))) {
			assertThat(MDC.get("traceId")).isEqualTo(TRACE);
		}
		assertThat(MDC.get("traceId")).isEqualTo("set-by-someone-else");
		assertThat(MDC.get("user")).isEqualTo("alice");
		assertThat(MDC.get("spanId")).isNull();
	}

	@Test
	void leavesMdcAloneWhenInactive() {
		this.active.set(false);
		try (Scope scope = this.storage.attach(context("00f067aa0ba902b7", true))) {
			assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
			assertThat(this.storage.current()).isNotNull();
			assertThat(Span.fromContext(this.storage.current()).getSpanContext().getSpanId())
				.isEqualTo("00f067aa0ba902b7");
		}
	}

	@Test
	void delegatesCurrentAndRoot() {
		Context span = context("00f067aa0ba902b7", true);
		try (Scope scope = this.storage.attach(span)) {
			assertThat(this.storage.current()).isSameAs(span);
		}
		assertThat(this.storage.root()).isSameAs(ContextStorage.defaultStorage().root());
	}

	private static Context context(String spanId, boolean sampled) {
		SpanContext spanContext = SpanContext.create(TRACE, spanId,
				sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
		return Context.root().with(Span.wrap(spanContext));
	}

}
