package dev.cloudtrace.autoconfigure.export.logging;

import java.util.List;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.StatusData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TraceTreeRenderer}, on spans built by hand.
 */
class TraceTreeRendererTests {

	private final TraceTreeRenderer renderer = new TraceTreeRenderer('#');

	@Test
	void drawsIndentedTreeInAlignedColumnsWithBarsOverTheTracesWindow() {
		String tree = this.renderer.render(List.of(FinishedSpans.child("00000000000000b2", "00000000000000a1", "work"),
				FinishedSpans.root("00000000000000a1", "GET /orders")));
		assertThat(tree.split(System.lineSeparator())).containsExactly(
				"Trace " + FinishedSpans.TRACE_ID + " (shop) 10.0 ms",
				"  GET /orders  shop  SERVER    10.0 ms |" + "#".repeat(40) + "|",
				"    work       shop  INTERNAL   6.0 ms |" + " ".repeat(8) + "#".repeat(24) + " ".repeat(8) + "|");
	}

	@Test
	void marksTraceWhoseRootIsMissing() {
		String tree = this.renderer
			.render(List.of(FinishedSpans.child("00000000000000b2", "00000000000000a1", "work")));
		assertThat(tree.split(System.lineSeparator())[0]).endsWith(TraceTreeRenderer.ROOT_MISSING);
	}

	@Test
	void nestsSpanWithRemoteParentUnderItsCallerButStillMissesTheRoot() {
		String tree = this.renderer.render(List.of(
				FinishedSpans.span(FinishedSpans.TRACE_ID, "00000000000000c3", "00000000000000b2", true, "callee", 3, 7,
						StatusData.unset()),
				FinishedSpans.child("00000000000000b2", "00000000000000a1", "caller")));
		String[] lines = tree.split(System.lineSeparator());
		assertThat(lines[0]).endsWith(TraceTreeRenderer.ROOT_MISSING);
		assertThat(lines[1]).startsWith("  caller");
		assertThat(lines[2]).startsWith("    callee");
	}

	@Test
	void marksErrorSpanWithItsDescriptionOnOneLine() {
		String tree = this.renderer.render(List.of(FinishedSpans.span(FinishedSpans.TRACE_ID, "00000000000000a1", null,
				false, "GET /fail", 0, 10, StatusData.create(StatusCode.ERROR, "bad\nthing"))));
		assertThat(tree.split(System.lineSeparator())).hasSize(2);
		assertThat(tree).endsWith("| ERROR bad thing");
	}

	@Test
	void drawsWithTheGivenBlock() {
		String tree = new TraceTreeRenderer(TraceTreeRenderer.BLOCK)
			.render(List.of(FinishedSpans.root("00000000000000a1", "GET /orders")));
		assertThat(tree).contains("|" + String.valueOf(TraceTreeRenderer.BLOCK).repeat(40) + "|");
	}

}
