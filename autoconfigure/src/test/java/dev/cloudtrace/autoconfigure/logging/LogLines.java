package dev.cloudtrace.autoconfigure.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.json.JsonParserFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lines of {@link LoggingApplication}'s logger in captured console output, as Spring
 * Boot's default pattern (Logback's or Log4j2's) or the {@code gcp} format wrote them.
 */
public final class LogLines {

	/**
	 * Boot's correlation id, {@code [trace-span] } or as many blanks outside a span, then the
	 * logger, which Log4j2's pattern abbreviates, and the message.
	 */
	private static final Pattern TEXT_LINE = Pattern
		.compile("\\[(?:([0-9a-f]{32})-([0-9a-f]{16})| {49})\\] +(?:com\\.example\\.|c\\.e\\.)shop +: (.*)$");

	private LogLines() {
	}

	/**
	 * Returns the application's lines of the default pattern.
	 * @param output the console output
	 * @return the lines, in order
	 */
	public static List<TextLine> text(String output) {
		List<TextLine> lines = new ArrayList<>();
		for (String line : output.split("\\R")) {
			Matcher matcher = TEXT_LINE.matcher(line);
			if (matcher.find()) {
				lines.add(new TextLine(matcher.group(1), matcher.group(2), matcher.group(3).strip()));
			}
		}
		return lines;
	}

	/**
	 * Returns the one line of the default pattern with a message.
	 * @param output the console output
	 * @param message the message
	 * @return the line
	 */
	public static TextLine textLine(String output, String message) {
		List<TextLine> lines = text(output).stream().filter((line) -> line.message().equals(message)).toList();
		assertThat(lines).as("lines '%s' in:%n%s", message, output).hasSize(1);
		return lines.get(0);
	}

	/**
	 * Returns every JSON object line of the output, parsed.
	 * @param output the console output
	 * @return the objects, in order
	 */
	public static List<Map<String, Object>> json(String output) {
		List<Map<String, Object>> lines = new ArrayList<>();
		for (String line : output.split("\\R")) {
			if (line.startsWith("{")) {
				lines.add(JsonParserFactory.getJsonParser().parseMap(line));
			}
		}
		return lines;
	}

	/**
	 * Returns the one JSON line with a message.
	 * @param output the console output
	 * @param message the message
	 * @return the parsed line
	 */
	public static Map<String, Object> jsonLine(String output, String message) {
		List<Map<String, Object>> lines = json(output).stream()
			.filter((line) -> message.equals(line.get("message")))
			.toList();
		assertThat(lines).as("JSON lines '%s' in:%n%s", message, output).hasSize(1);
		return lines.get(0);
	}

	/**
	 * A line of the default pattern.
	 *
	 * @param traceId the trace id it carries, or {@code null}
	 * @param spanId the span id it carries, or {@code null}
	 * @param message the message
	 */
	public record TextLine(String traceId, String spanId, String message) {

	}

}
