package dev.cloudtrace.autoconfigure.propagation;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.cloudtrace.autoconfigure.testsupport.MapGetter;
import dev.cloudtrace.autoconfigure.testsupport.MultiMapGetter;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link XCloudTraceContextPropagator}.
 */
class XCloudTraceContextPropagatorTests {

	private static final String HEADER = "x-cloud-trace-context";

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String OTHER_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private static final String TRACEPARENT = "00-" + OTHER_TRACE_ID + "-b7ad6b7169203331-01";

	private static final ContextKey<String> MARKER = ContextKey.named("marker");

	private static final TextMapSetter<Map<String, String>> SETTER = (carrier, key, value) -> carrier.put(key, value);

	// Reference grammar for the fuzz test: a regex is fine here, the propagator itself parses by hand.
	private static final Pattern ORACLE = Pattern
		.compile("([0-9a-fA-F]{32})(?:/([0-9]{1,20}))?(?:;o=([0-9]{1,10}))?");

	private static final BigInteger TWO_TO_THE_64 = BigInteger.ONE.shiftLeft(64);

	private final XCloudTraceContextPropagator propagator = XCloudTraceContextPropagator.getInstance();

	private final Context context = Context.root().with(MARKER, "given");

	@Test
	void fieldsIsTheLowerCaseHeaderName() {
		assertThat(XCloudTraceContextPropagator.getInstance().fields()).containsExactly(HEADER);
		assertThat(XCloudTraceContextPropagator.getOneWayInstance().fields()).containsExactly(HEADER);
	}

	@Test
	void factoriesReturnSharedDistinctInstances() {
		assertThat(XCloudTraceContextPropagator.getInstance()).isSameAs(XCloudTraceContextPropagator.getInstance());
		assertThat(XCloudTraceContextPropagator.getOneWayInstance())
			.isSameAs(XCloudTraceContextPropagator.getOneWayInstance())
			.isNotSameAs(XCloudTraceContextPropagator.getInstance());
		assertThat(XCloudTraceContextPropagator.getOneWayInstance().toString()).contains("oneWay");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			4bf92f3577b34da6a3ce929d0e0e4736/1;o=1                    | 4bf92f3577b34da6a3ce929d0e0e4736 | 0000000000000001 | true | false
			4bf92f3577b34da6a3ce929d0e0e4736/12345;o=1                | 4bf92f3577b34da6a3ce929d0e0e4736 | 0000000000003039 | true | false
			4bf92f3577b34da6a3ce929d0e0e4736/12345;o=0                | 4bf92f3577b34da6a3ce929d0e0e4736 | 0000000000003039 | false | false
			4bf92f3577b34da6a3ce929d0e0e4736/12345                    | 4bf92f3577b34da6a3ce929d0e0e4736 | 0000000000003039 | false | true
			4bf92f3577b34da6a3ce929d0e0e4736/00000000000000012345;o=1 | 4bf92f3577b34da6a3ce929d0e0e4736 | 0000000000003039 | true | false
			4bf92f3577b34da6a3ce929d0e0e4736/18446744073709551615;o=1 | 4bf92f3577b34da6a3ce929d0e0e4736 | ffffffffffffffff | true | false
			4bf92f3577b34da6a3ce929d0e0e4736/18446744073709551614     | 4bf92f3577b34da6a3ce929d0e0e4736 | fffffffffffffffe | false | true
			4bf92f3577b34da6a3ce929d0e0e4736/9223372036854775807;o=1  | 4bf92f3577b34da6a3ce929d0e0e4736 | 7fffffffffffffff | true | false
			4bf92f3577b34da6a3ce929d0e0e4736/9223372036854775808;o=1  | 4bf92f3577b34da6a3ce929d0e0e4736 | 8000000000000000 | true | false
			4bf92f3577b34da6a3ce929d0e0e4736/13235353014750950193;o=1 | 4bf92f3577b34da6a3ce929d0e0e4736 | b7ad6b7169203331 | true | false
			4BF92F3577B34DA6A3CE929D0E0E4736/12345;o=1                | 4bf92f3577b34da6a3ce929d0e0e4736 | 0000000000003039 | true | false
			4Bf92F3577b34Da6A3ce929D0e0E4736/12345;o=1                | 4bf92f3577b34da6a3ce929d0e0e4736 | 0000000000003039 | true | false
			00000000000000000000000000000001/1;o=1                    | 00000000000000000000000000000001 | 0000000000000001 | true | false
			4bf92f3577b34da6a3ce929d0e0e4736/12345;o=3                | 4bf92f3577b34da6a3ce929d0e0e4736 | 0000000000003039 | true | false
			4bf92f3577b34da6a3ce929d0e0e4736/12345;o=2                | 4bf92f3577b34da6a3ce929d0e0e4736 | 0000000000003039 | false | false
			4bf92f3577b34da6a3ce929d0e0e4736/12345;o=10               | 4bf92f3577b34da6a3ce929d0e0e4736 | 0000000000003039 | false | false
			4bf92f3577b34da6a3ce929d0e0e4736/12345;o=11               | 4bf92f3577b34da6a3ce929d0e0e4736 | 0000000000003039 | true | false
			4bf92f3577b34da6a3ce929d0e0e4736/12345;o=01               | 4bf92f3577b34da6a3ce929d0e0e4736 | 0000000000003039 | true | false
			4bf92f3577b34da6a3ce929d0e0e4736/12345;o=4294967295       | 4bf92f3577b34da6a3ce929d0e0e4736 | 0000000000003039 | true | false
			""")
	void extractsValidHeader(String header, String traceId, String spanId, boolean sampled, boolean undecided) {
		Context extracted = extract(Map.of(HEADER, header));
		SpanContext spanContext = Span.fromContext(extracted).getSpanContext();
		assertThat(spanContext.isValid()).isTrue();
		assertThat(spanContext.isRemote()).isTrue();
		assertThat(spanContext.getTraceId()).isEqualTo(traceId);
		assertThat(spanContext.getSpanId()).isEqualTo(spanId);
		assertThat(spanContext.isSampled()).isEqualTo(sampled);
		assertThat(spanContext.getTraceState().isEmpty()).isTrue();
		assertThat(XCloudTraceContextPropagator.isSamplingUndecided(extracted)).isEqualTo(undecided);
		assertThat(extracted.get(MARKER)).isEqualTo("given");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			4bf92f3577b34da6a3ce929d0e0e4736               | 4bf92f3577b34da6a3ce929d0e0e4736 | false | true
			4BF92F3577B34DA6A3CE929D0E0E4736               | 4bf92f3577b34da6a3ce929d0e0e4736 | false | true
			00000000000000000000000000000001               | 00000000000000000000000000000001 | false | true
			4bf92f3577b34da6a3ce929d0e0e4736;o=1           | 4bf92f3577b34da6a3ce929d0e0e4736 | true  | false
			4bf92f3577b34da6a3ce929d0e0e4736;o=0           | 4bf92f3577b34da6a3ce929d0e0e4736 | false | false
			4bf92f3577b34da6a3ce929d0e0e4736;o=3           | 4bf92f3577b34da6a3ce929d0e0e4736 | true  | false
			""")
	void continuesTraceIdWithoutSpanIdUnderRandomParentSpanId(String header, String traceId, boolean sampled,
			boolean undecided) {
		Context first = extract(Map.of(HEADER, header));
		Context second = extract(Map.of(HEADER, header));
		SpanContext spanContext = Span.fromContext(first).getSpanContext();
		assertThat(spanContext.isValid()).isTrue();
		assertThat(spanContext.isRemote()).isTrue();
		assertThat(spanContext.getTraceId()).isEqualTo(traceId);
		assertThat(spanContext.getSpanId()).matches("[0-9a-f]{16}").isNotEqualTo("0".repeat(16));
		assertThat(spanContext.isSampled()).isEqualTo(sampled);
		assertThat(XCloudTraceContextPropagator.isSamplingUndecided(first)).isEqualTo(undecided);
		assertThat(Span.fromContext(second).getSpanContext().getSpanId()).isNotEqualTo(spanContext.getSpanId());
		assertThat(first.get(MARKER)).isEqualTo("given");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedHeaders")
	void ignoresMalformedHeader(String header) {
		assertThatNoException().isThrownBy(() -> extract(Map.of(HEADER, header)));
		assertThat(extract(Map.of(HEADER, header))).isSameAs(this.context);
		assertThat(XCloudTraceContextPropagator.getOneWayInstance().extract(this.context, Map.of(HEADER, header),
				MapGetter.INSTANCE))
			.isSameAs(this.context);
	}

	static Stream<Named<String>> malformedHeaders() {
		String valid = TRACE_ID + "/12345;o=1";
		return Stream.of(
				named("empty", ""),
				named("slash only", "/"),
				named("trace id and slash", TRACE_ID + "/"),
				named("trace id, slash and options", TRACE_ID + "/;o=1"),
				named("all-zero trace id alone", "0".repeat(32)),
				named("all-zero trace id with options", "0".repeat(32) + ";o=1"),
				named("trace id alone too short", TRACE_ID.substring(1)),
				named("trace id alone with trailing space", TRACE_ID + " "),
				named("trace id with empty options", TRACE_ID + ";o="),
				named("trace id with other option key", TRACE_ID + ";x=1"),
				named("trace id and options after slash-less span id", TRACE_ID + "12345;o=1"),
				named("empty span id with options", TRACE_ID + "/;o=1"),
				named("trace id too short", TRACE_ID.substring(1) + "/12345;o=1"),
				named("trace id too long", TRACE_ID + "a/12345;o=1"),
				named("trace id with non-hex letter", "4bf92f3577b34da6a3ce929d0e0e473g/12345;o=1"),
				named("trace id with 0x prefix", "0x" + TRACE_ID.substring(2) + "/12345;o=1"),
				named("trace id with full-width digit", "\uFF14" + TRACE_ID.substring(1) + "/12345;o=1"),
				named("all-zero trace id", "0".repeat(32) + "/12345;o=1"),
				named("span id zero", TRACE_ID + "/0;o=1"),
				named("span id zeros", TRACE_ID + "/00000000000000000000;o=1"),
				named("span id 2^64", TRACE_ID + "/18446744073709551616;o=1"),
				named("span id 2^64 + 9", TRACE_ID + "/18446744073709551625"),
				named("span id 20 nines", TRACE_ID + "/99999999999999999999;o=1"),
				named("span id 21 digits with leading zero", TRACE_ID + "/012345678901234567890;o=1"),
				named("span id far too long", TRACE_ID + "/" + "1".repeat(40)),
				named("span id with plus sign", TRACE_ID + "/+12345;o=1"),
				named("span id with minus sign", TRACE_ID + "/-12345;o=1"),
				named("span id in hex", TRACE_ID + "/b7ad6b7169203331;o=1"),
				named("span id with exponent", TRACE_ID + "/1e5;o=1"),
				named("span id with decimal point", TRACE_ID + "/1.0;o=1"),
				named("span id with underscore", TRACE_ID + "/1_000;o=1"),
				named("span id with Arabic-Indic digit", TRACE_ID + "/\u0661\u0662;o=1"),
				named("double slash", TRACE_ID + "//12345;o=1"),
				named("dash separator", TRACE_ID + "-12345;o=1"),
				named("leading space", " " + valid),
				named("trailing space", valid + " "),
				named("space before span id", TRACE_ID + "/ 12345;o=1"),
				named("space before options", TRACE_ID + "/12345 ;o=1"),
				named("space inside options", TRACE_ID + "/12345; o=1"),
				named("tab", TRACE_ID + "/12345;o=1\t"),
				named("line break", TRACE_ID + "/12345\r\n;o=1"),
				named("NUL character", TRACE_ID + "/12345\u0000;o=1"),
				named("empty options", TRACE_ID + "/12345;o="),
				named("truncated options", TRACE_ID + "/12345;o"),
				named("semicolon only", TRACE_ID + "/12345;"),
				named("options without semicolon", TRACE_ID + "/12345o=1"),
				named("upper-case option key", TRACE_ID + "/12345;O=1"),
				named("other option key", TRACE_ID + "/12345;x=1"),
				named("non-digit options", TRACE_ID + "/12345;o=x"),
				named("negative options", TRACE_ID + "/12345;o=-1"),
				named("options too long", TRACE_ID + "/12345;o=12345678901"),
				named("options repeated", TRACE_ID + "/12345;o=1;o=1"),
				named("trailing semicolon", TRACE_ID + "/12345;o=1;"),
				named("traceparent value", TRACEPARENT),
				named("comma-joined repeated header", valid + "," + valid),
				named("1 MB of hex", "a".repeat(1 << 20)),
				named("1 MB after a valid header", valid + "1".repeat(1 << 20)),
				named("1 MB span id", TRACE_ID + "/" + "9".repeat(1 << 20)));
	}

	@Test
	void ignoresMissingHeader() {
		assertThat(extract(Map.of("traceparent", TRACEPARENT))).isSameAs(this.context);
	}

	@Test
	void ignoresNullGetter() {
		assertThat(this.propagator.extract(this.context, Map.of(HEADER, TRACE_ID + "/1;o=1"), null))
			.isSameAs(this.context);
	}

	@Test
	void returnsRootContextWhenGivenNullAsW3CPropagatorDoes() {
		Map<String, String> carrier = Map.of(HEADER, TRACE_ID + "/1;o=1", "traceparent", TRACEPARENT);
		assertThat(this.propagator.extract(null, carrier, MapGetter.INSTANCE)).isSameAs(Context.root())
			.isSameAs(W3CTraceContextPropagator.getInstance().extract(null, carrier, MapGetter.INSTANCE));
	}

	@Test
	void readsHeaderThroughCaseInsensitiveGetter() {
		Map<String, String> carrier = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		carrier.put("X-Cloud-Trace-Context", TRACE_ID + "/12345;o=1");
		SpanContext spanContext = Span.fromContext(extract(carrier)).getSpanContext();
		assertThat(spanContext.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(spanContext.getSpanId()).isEqualTo("0000000000003039");
	}

	@Test
	void keepsValidRemoteSpanContextAlreadyInContext() {
		SpanContext existing = SpanContext.createFromRemoteParent(OTHER_TRACE_ID, "b7ad6b7169203331",
				TraceFlags.getDefault(), TraceState.getDefault());
		Context given = this.context.with(Span.wrap(existing));
		Context extracted = this.propagator.extract(given, Map.of(HEADER, TRACE_ID + "/12345;o=1"), MapGetter.INSTANCE);
		assertThat(extracted).isSameAs(given);
	}

	@Test
	void replacesLocalSpanContextAlreadyInContext() {
		SpanContext local = SpanContext.create(OTHER_TRACE_ID, "b7ad6b7169203331", TraceFlags.getSampled(),
				TraceState.getDefault());
		Context given = this.context.with(Span.wrap(local));
		Context extracted = this.propagator.extract(given, Map.of(HEADER, TRACE_ID + "/12345;o=0"), MapGetter.INSTANCE);
		SpanContext spanContext = Span.fromContext(extracted).getSpanContext();
		assertThat(spanContext.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(spanContext.isRemote()).isTrue();
		assertThat(spanContext.isSampled()).isFalse();
	}

	@Test
	void samplingIsUndecidedOnlyForTheExtractedSpanContext() {
		Context extracted = extract(Map.of(HEADER, TRACE_ID + "/12345"));
		SpanContext remote = Span.fromContext(extracted).getSpanContext();
		assertThat(XCloudTraceContextPropagator.isSamplingUndecided(extracted)).isTrue();
		assertThat(remote.isSampled()).isFalse();
		SpanContext equalCopy = SpanContext.createFromRemoteParent(remote.getTraceId(), remote.getSpanId(),
				remote.getTraceFlags(), remote.getTraceState());
		assertThat(equalCopy).isEqualTo(remote);
		assertThat(XCloudTraceContextPropagator.isSamplingUndecided(extracted.with(Span.wrap(equalCopy)))).isFalse();
		assertThat(XCloudTraceContextPropagator.isSamplingUndecided(extracted.with(Span.getInvalid()))).isFalse();
		assertThat(XCloudTraceContextPropagator.isSamplingUndecided(this.context)).isFalse();
		assertThat(XCloudTraceContextPropagator.isSamplingUndecided(Context.root())).isFalse();
		assertThat(XCloudTraceContextPropagator.isSamplingUndecided(null)).isFalse();
	}

	@Test
	void staleUndecidedMarkerDoesNotApplyToLaterDecidedHeader() {
		Context undecided = extract(Map.of(HEADER, TRACE_ID + "/12345"));
		SpanContext local = SpanContext.create(OTHER_TRACE_ID, "b7ad6b7169203331", TraceFlags.getSampled(),
				TraceState.getDefault());
		Context decided = this.propagator.extract(undecided.with(Span.wrap(local)),
				Map.of(HEADER, TRACE_ID + "/12345;o=0"), MapGetter.INSTANCE);
		assertThat(Span.fromContext(decided).getSpanContext())
			.isEqualTo(Span.fromContext(undecided).getSpanContext());
		assertThat(XCloudTraceContextPropagator.isSamplingUndecided(decided)).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01 | 4bf92f3577b34da6a3ce929d0e0e4736/12345
			00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00 | 4bf92f3577b34da6a3ce929d0e0e4736
			00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000003039-00 | 4bf92f3577b34da6a3ce929d0e0e4736/12345
			""")
	void undecidedMarkerNoLongerAppliesOnceTraceparentReplacedTheSpan(String traceparent, String cloudHeader) {
		TextMapPropagator cloudTraceFirst = TextMapPropagator.composite(XCloudTraceContextPropagator.getInstance(),
				W3CTraceContextPropagator.getInstance());
		Context extracted = cloudTraceFirst.extract(this.context,
				Map.of("traceparent", traceparent, HEADER, cloudHeader), MapGetter.INSTANCE);
		Context fromTraceparentAlone = W3CTraceContextPropagator.getInstance()
			.extract(Context.root(), Map.of("traceparent", traceparent), MapGetter.INSTANCE);
		assertThat(Span.fromContext(extracted).getSpanContext())
			.isEqualTo(Span.fromContext(fromTraceparentAlone).getSpanContext());
		assertThat(XCloudTraceContextPropagator.isSamplingUndecided(extracted)).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("composites")
	void samplingIsUndecidedThroughCompositeWithoutTraceparent(ContextPropagators propagators) {
		Context extracted = propagators.getTextMapPropagator()
			.extract(this.context, Map.of(HEADER, TRACE_ID + "/12345", "baggage", "tenant=acme"), MapGetter.INSTANCE);
		assertThat(Span.fromContext(extracted).getSpanContext().getSpanId()).isEqualTo("0000000000003039");
		assertThat(XCloudTraceContextPropagator.isSamplingUndecided(extracted)).isTrue();
		assertThat(Baggage.fromContext(extracted).getEntryValue("tenant")).isEqualTo("acme");
	}

	@Test
	void fuzzedHeadersMatchReferenceGrammarAndNeverThrow() {
		Random random = new Random(20240611L);
		int accepted = 0;
		int rejected = 0;
		int traceIdOnly = 0;
		for (int i = 0; i < 50_000; i++) {
			String header = fuzzedHeader(random);
			Context extracted = extract(Map.of(HEADER, header));
			Expected expected = oracle(header);
			if (expected == null) {
				assertThat(extracted).as(header).isSameAs(this.context);
				rejected++;
			}
			else {
				SpanContext actual = Span.fromContext(extracted).getSpanContext();
				assertThat(actual.isValid()).as(header).isTrue();
				assertThat(actual.isRemote()).as(header).isTrue();
				assertThat(actual.getTraceId()).as(header).isEqualTo(expected.traceId());
				if (expected.spanId() != null) {
					assertThat(actual.getSpanId()).as(header).isEqualTo(expected.spanId());
				}
				else {
					traceIdOnly++;
				}
				assertThat(actual.isSampled()).as(header).isEqualTo(expected.sampled());
				assertThat(actual.getTraceState().isEmpty()).as(header).isTrue();
				assertThat(XCloudTraceContextPropagator.isSamplingUndecided(extracted)).as(header)
					.isEqualTo(expected.undecided());
				accepted++;
			}
		}
		assertThat(accepted).isGreaterThan(5_000);
		assertThat(rejected).isGreaterThan(5_000);
		assertThat(traceIdOnly).isGreaterThan(1_000);
	}

	@ParameterizedTest(name = "{0} sampled={1} -> {2}")
	@CsvSource(delimiter = '|', textBlock = """
			0000000000003039 | true  | 4bf92f3577b34da6a3ce929d0e0e4736/12345;o=1
			0000000000003039 | false | 4bf92f3577b34da6a3ce929d0e0e4736/12345;o=0
			0000000000000001 | true  | 4bf92f3577b34da6a3ce929d0e0e4736/1;o=1
			ffffffffffffffff | false | 4bf92f3577b34da6a3ce929d0e0e4736/18446744073709551615;o=0
			8000000000000000 | true  | 4bf92f3577b34da6a3ce929d0e0e4736/9223372036854775808;o=1
			b7ad6b7169203331 | true  | 4bf92f3577b34da6a3ce929d0e0e4736/13235353014750950193;o=1
			""")
	void injectsKnownVectors(String spanId, boolean sampled, String expected) {
		Map<String, String> carrier = new HashMap<>();
		this.propagator.inject(contextWithSpan(TRACE_ID, spanId, sampled), carrier, SETTER);
		assertThat(carrier).containsExactly(Map.entry(HEADER, expected));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			4bf92f3577b34da6a3ce929d0e0e4736/12345      | 4bf92f3577b34da6a3ce929d0e0e4736/12345
			4bf92f3577b34da6a3ce929d0e0e4736/12345;o=0  | 4bf92f3577b34da6a3ce929d0e0e4736/12345;o=0
			4bf92f3577b34da6a3ce929d0e0e4736/12345;o=1  | 4bf92f3577b34da6a3ce929d0e0e4736/12345;o=1
			4bf92f3577b34da6a3ce929d0e0e4736/12345;o=3  | 4bf92f3577b34da6a3ce929d0e0e4736/12345;o=1
			4BF92F3577B34DA6A3CE929D0E0E4736/012345     | 4bf92f3577b34da6a3ce929d0e0e4736/12345
			""")
	void forwardsExtractedHeaderKeepingAnOpenSamplingDecisionOpen(String received, String forwarded) {
		Map<String, String> carrier = new HashMap<>();
		this.propagator.inject(extract(Map.of(HEADER, received)), carrier, SETTER);
		assertThat(carrier).containsExactly(Map.entry(HEADER, forwarded));
	}

	@Test
	void injectsSamplingDecisionOfLocalChildOfUndecidedParent() {
		Context undecided = extract(Map.of(HEADER, TRACE_ID + "/12345"));
		SpanContext child = SpanContext.create(TRACE_ID, "b7ad6b7169203331", TraceFlags.getDefault(),
				TraceState.getDefault());
		Map<String, String> carrier = new HashMap<>();
		this.propagator.inject(undecided.with(Span.wrap(child)), carrier, SETTER);
		assertThat(carrier).containsExactly(Map.entry(HEADER, TRACE_ID + "/13235353014750950193;o=0"));
	}

	@Test
	void injectsNothingForInvalidSpanContext() {
		Map<String, String> carrier = new HashMap<>();
		this.propagator.inject(this.context, carrier, SETTER);
		this.propagator.inject(this.context.with(Span.getInvalid()), carrier, SETTER);
		assertThat(carrier).isEmpty();
	}

	@Test
	void injectsNothingWithoutContextOrSetter() {
		Map<String, String> carrier = new HashMap<>();
		this.propagator.inject(null, carrier, SETTER);
		this.propagator.inject(contextWithSpan(TRACE_ID, "0000000000003039", true), carrier, null);
		assertThat(carrier).isEmpty();
	}

	@Test
	void roundTripsRandomSpanContexts() {
		Random random = new Random(42L);
		for (int i = 0; i < 10_000; i++) {
			SpanContext original = SpanContext.create(randomHex(random, 32), randomHex(random, 16),
					random.nextBoolean() ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
			if (!original.isValid()) {
				continue;
			}
			Map<String, String> carrier = new HashMap<>();
			this.propagator.inject(this.context.with(Span.wrap(original)), carrier, SETTER);
			SpanContext extracted = Span.fromContext(extract(carrier)).getSpanContext();
			assertThat(extracted.getTraceId()).isEqualTo(original.getTraceId());
			assertThat(extracted.getSpanId()).isEqualTo(original.getSpanId());
			assertThat(extracted.getTraceFlags()).isEqualTo(original.getTraceFlags());
			assertThat(extracted.isRemote()).isTrue();
		}
	}

	@Test
	void oneWayInstanceNeverInjects() {
		XCloudTraceContextPropagator oneWay = XCloudTraceContextPropagator.getOneWayInstance();
		Map<String, String> carrier = new HashMap<>();
		oneWay.inject(contextWithSpan(TRACE_ID, "0000000000003039", true), carrier, SETTER);
		oneWay.inject(contextWithSpan(TRACE_ID, "0000000000003039", false), carrier, SETTER);
		assertThat(carrier).isEmpty();
	}

	@Test
	void oneWayInstanceExtracts() {
		Context extracted = XCloudTraceContextPropagator.getOneWayInstance()
			.extract(this.context, Map.of(HEADER, TRACE_ID + "/12345;o=1"), MapGetter.INSTANCE);
		SpanContext spanContext = Span.fromContext(extracted).getSpanContext();
		assertThat(spanContext.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(spanContext.getSpanId()).isEqualTo("0000000000003039");
		assertThat(spanContext.isSampled()).isTrue();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("composites")
	void traceparentWinsWhenBothHeadersArePresent(ContextPropagators propagators) {
		Map<String, String> carrier = Map.of("traceparent", TRACEPARENT, HEADER, TRACE_ID + "/12345;o=0");
		SpanContext spanContext = Span
			.fromContext(propagators.getTextMapPropagator().extract(this.context, carrier, MapGetter.INSTANCE))
			.getSpanContext();
		assertThat(spanContext.getTraceId()).isEqualTo(OTHER_TRACE_ID);
		assertThat(spanContext.getSpanId()).isEqualTo("b7ad6b7169203331");
		assertThat(spanContext.isSampled()).isTrue();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("composites")
	void cloudHeaderIsUsedWhenTraceparentIsAbsent(ContextPropagators propagators) {
		Map<String, String> carrier = Map.of(HEADER, TRACE_ID + "/12345;o=1", "baggage", "tenant=acme");
		Context extracted = propagators.getTextMapPropagator().extract(this.context, carrier, MapGetter.INSTANCE);
		SpanContext spanContext = Span.fromContext(extracted).getSpanContext();
		assertThat(spanContext.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(spanContext.getSpanId()).isEqualTo("0000000000003039");
		assertThat(Baggage.fromContext(extracted).getEntryValue("tenant")).isEqualTo("acme");
	}

	@Test
	void ignoresRepeatedHeaderEvenWithEqualValues() {
		Context context = Context.root();
		assertThat(this.propagator.extract(context,
				Map.of(HEADER, List.of(TRACE_ID + "/12345;o=1", OTHER_TRACE_ID + "/1;o=1")), MultiMapGetter.INSTANCE))
			.isSameAs(context);
		assertThat(this.propagator.extract(context,
				Map.of(HEADER, List.of(TRACE_ID + "/12345;o=1", TRACE_ID + "/12345;o=1")), MultiMapGetter.INSTANCE))
			.isSameAs(context);
		SpanContext single = Span
			.fromContext(this.propagator.extract(context, Map.of(HEADER, List.of(TRACE_ID + "/12345;o=1")),
					MultiMapGetter.INSTANCE))
			.getSpanContext();
		assertThat(single.getTraceId()).isEqualTo(TRACE_ID);
	}

	@Test
	void cloudHeaderIsUsedWhenTraceparentIsRepeated() {
		Map<String, List<String>> carrier = Map.of("traceparent", List.of(TRACEPARENT, TRACEPARENT), HEADER,
				List.of(TRACE_ID + "/12345;o=1"));
		for (List<PropagationType> types : List.of(
				List.of(PropagationType.TRACECONTEXT, PropagationType.BAGGAGE, PropagationType.CLOUD_TRACE),
				List.of(PropagationType.CLOUD_TRACE, PropagationType.TRACECONTEXT, PropagationType.BAGGAGE))) {
			ContextPropagators propagators = ContextPropagatorsFactory.create(types, true,
					getClass().getClassLoader());
			SpanContext spanContext = Span
				.fromContext(
						propagators.getTextMapPropagator().extract(this.context, carrier, MultiMapGetter.INSTANCE))
				.getSpanContext();
			assertThat(spanContext.getTraceId()).as("%s", types).isEqualTo(TRACE_ID);
			assertThat(spanContext.getSpanId()).as("%s", types).isEqualTo("0000000000003039");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("composites")
	void cloudHeaderIsUsedWhenTraceparentIsMalformed(ContextPropagators propagators) {
		Map<String, String> carrier = Map.of("traceparent", "00-" + "0".repeat(32) + "-b7ad6b7169203331-01", HEADER,
				TRACE_ID + "/12345;o=1");
		SpanContext spanContext = Span
			.fromContext(propagators.getTextMapPropagator().extract(this.context, carrier, MapGetter.INSTANCE))
			.getSpanContext();
		assertThat(spanContext.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(spanContext.getSpanId()).isEqualTo("0000000000003039");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("composites")
	void injectsBothHeadersForTheSameSpan(ContextPropagators propagators) {
		Map<String, String> carrier = new HashMap<>();
		propagators.getTextMapPropagator()
			.inject(contextWithSpan(TRACE_ID, "b7ad6b7169203331", true), carrier, SETTER);
		assertThat(carrier).containsEntry("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01")
			.containsEntry(HEADER, TRACE_ID + "/13235353014750950193;o=1");
		assertThat(propagators.getTextMapPropagator().fields()).contains("traceparent", "baggage", HEADER);
	}

	@Test
	void compositeWithOneWayInstanceInjectsOnlyTraceparent() {
		TextMapPropagator composite = TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(),
				XCloudTraceContextPropagator.getOneWayInstance());
		Map<String, String> carrier = new HashMap<>();
		composite.inject(contextWithSpan(TRACE_ID, "b7ad6b7169203331", true), carrier, SETTER);
		assertThat(carrier).containsOnlyKeys("traceparent");
		Context extracted = composite.extract(this.context, Map.of(HEADER, TRACE_ID + "/12345;o=1"), MapGetter.INSTANCE);
		assertThat(Span.fromContext(extracted).getSpanContext().getTraceId()).isEqualTo(TRACE_ID);
	}

	static Stream<Named<ContextPropagators>> composites() {
		return Stream.of(
				Named.of("tracecontext, baggage, cloud-trace",
						ContextPropagators.create(TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(),
								W3CBaggagePropagator.getInstance(), XCloudTraceContextPropagator.getInstance()))),
				Named.of("cloud-trace, tracecontext, baggage",
						ContextPropagators.create(TextMapPropagator.composite(
								XCloudTraceContextPropagator.getInstance(), W3CTraceContextPropagator.getInstance(),
								W3CBaggagePropagator.getInstance()))));
	}

	private Context extract(Map<String, String> carrier) {
		return this.propagator.extract(this.context, carrier, MapGetter.INSTANCE);
	}

	private Context contextWithSpan(String traceId, String spanId, boolean sampled) {
		SpanContext spanContext = SpanContext.create(traceId, spanId,
				sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
		return this.context.with(Span.wrap(spanContext));
	}

	private static Named<String> named(String name, String value) {
		return Named.of(name, value);
	}

	private static Expected oracle(String header) {
		Matcher matcher = ORACLE.matcher(header);
		if (!matcher.matches()) {
			return null;
		}
		String traceId = matcher.group(1).toLowerCase(Locale.ROOT);
		if (traceId.equals("0".repeat(32))) {
			return null;
		}
		String spanId = null;
		if (matcher.group(2) != null) {
			BigInteger value = new BigInteger(matcher.group(2));
			if (value.signum() == 0 || value.compareTo(TWO_TO_THE_64) >= 0) {
				return null;
			}
			spanId = String.format("%016x", value);
		}
		boolean undecided = matcher.group(3) == null;
		boolean sampled = !undecided && new BigInteger(matcher.group(3)).testBit(0);
		return new Expected(traceId, spanId, sampled, undecided);
	}

	private static String fuzzedHeader(Random random) {
		if (random.nextInt(10) == 0) {
			return randomString(random, random.nextInt(80));
		}
		StringBuilder header = new StringBuilder(validHeader(random));
		int mutations = random.nextInt(3);
		for (int i = 0; i < mutations; i++) {
			int position = random.nextInt(header.length() + 1);
			switch (random.nextInt(4)) {
				case 0 -> header.insert(position, randomChar(random));
				case 1 -> {
					if (position < header.length()) {
						header.setCharAt(position, randomChar(random));
					}
				}
				case 2 -> {
					if (position < header.length()) {
						header.deleteCharAt(position);
					}
				}
				default -> header.setLength(position);
			}
		}
		return header.toString();
	}

	private static String validHeader(Random random) {
		StringBuilder header = new StringBuilder();
		for (int i = 0; i < 32; i++) {
			char c = Character.forDigit(random.nextInt(16), 16);
			header.append(random.nextInt(4) == 0 ? Character.toUpperCase(c) : c);
		}
		switch (random.nextInt(6)) {
			case 0 -> header.append('/').append(random.nextInt(10));
			case 1 -> header.append('/').append(Long.toUnsignedString(-1L - random.nextInt(20)));
			case 2 -> header.append('/').append(TWO_TO_THE_64.add(BigInteger.valueOf(random.nextInt(20) - 10)));
			case 3 -> {
				// Trace id alone.
			}
			default -> header.append('/').append(Long.toUnsignedString(random.nextLong()));
		}
		if (random.nextBoolean()) {
			header.append(";o=").append(random.nextInt(4) == 0 ? random.nextInt(Integer.MAX_VALUE) : random.nextInt(4));
		}
		return header.toString();
	}

	private static String randomString(Random random, int length) {
		StringBuilder value = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			value.append(randomChar(random));
		}
		return value.toString();
	}

	private static char randomChar(Random random) {
		String alphabet = "0123456789abcdefABCDEFgGxo/;=+-. \t\u0000\u0661\uFF10\u00e9";
		return alphabet.charAt(random.nextInt(alphabet.length()));
	}

	private static String randomHex(Random random, int length) {
		StringBuilder hex = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			hex.append(Character.forDigit(random.nextInt(16), 16));
		}
		return hex.toString();
	}

	private record Expected(String traceId, String spanId, boolean sampled, boolean undecided) {

	}

}
