package dev.cloudtrace.autoconfigure.web.server;

import java.util.Arrays;
import java.util.List;

import dev.cloudtrace.autoconfigure.InvalidCloudTracePropertyException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ExcludedPaths}.
 */
class ExcludedPathsTests {

	private static final String PROPERTY = "cloudtrace.http.server.excluded-paths";

	@Test
	void matchesPrefixPatternAndItsRoot() {
		ExcludedPaths paths = compile("/actuator/**");
		assertThat(paths.matches("/actuator")).isTrue();
		assertThat(paths.matches("/actuator/")).isTrue();
		assertThat(paths.matches("/actuator/health/liveness")).isTrue();
		assertThat(paths.matches("/actuatorx")).isFalse();
		assertThat(paths.matches("/act")).isFalse();
		assertThat(paths.matches("/users/actuator")).isFalse();
	}

	@Test
	void matchesLiteralPatternExactly() {
		ExcludedPaths paths = compile("/ping");
		assertThat(paths.matches("/ping")).isTrue();
		assertThat(paths.matches("/ping/")).isFalse();
		assertThat(paths.matches("/pingx")).isFalse();
		assertThat(paths.matches("/PING")).isFalse();
	}

	@Test
	void matchesWildcardsAndTemplates() {
		ExcludedPaths paths = compile("/users/*/avatar", "/files/{name}.png", "/**/health", "/v?/status");
		assertThat(paths.matches("/users/42/avatar")).isTrue();
		assertThat(paths.matches("/users/42/profile")).isFalse();
		assertThat(paths.matches("/files/logo.png")).isTrue();
		assertThat(paths.matches("/files/logo.jpg")).isFalse();
		assertThat(paths.matches("/internal/deep/health")).isTrue();
		assertThat(paths.matches("/v1/status")).isTrue();
		assertThat(paths.matches("/v10/status")).isFalse();
	}

	@Test
	void matchesEncodedAndParameterisedPathsAsSpringMvcDoes() {
		ExcludedPaths paths = compile("/actuator/**", "/ping");
		assertThat(paths.matches("/act%75ator/health")).isTrue();
		assertThat(paths.matches("/actuator;jsessionid=1/health")).isTrue();
		assertThat(paths.matches("/p%69ng")).isTrue();
		assertThat(paths.matches("/p%69ngs")).isFalse();
	}

	@Test
	void matchesEverythingWithCatchAll() {
		ExcludedPaths paths = compile("/**");
		assertThat(paths.matches("/")).isTrue();
		assertThat(paths.matches("/anything/at/all")).isTrue();
	}

	@Test
	void matchesNothingWhenEmpty() {
		ExcludedPaths paths = compile();
		assertThat(paths.isEmpty()).isTrue();
		assertThat(paths.matches("/actuator/health")).isFalse();
	}

	@Test
	void rejectsBlankPattern() {
		assertRejected(1, "/ok", " ");
		assertRejected(0, "");
		assertRejected(0, (String) null);
	}

	@Test
	void rejectsRelativePattern() {
		assertRejected(0, "actuator/**");
	}

	@Test
	void rejectsPatternWithWhitespace() {
		assertRejected(0, "/my path/**");
	}

	@Test
	void rejectsUnparseablePatternWithParserMessage() {
		InvalidCloudTracePropertyException ex = assertRejected(0, "/users/{id");
		assertThat(ex.getAllowed()).contains("close capture");
		assertRejected(0, "/a/**/b");
	}

	private static InvalidCloudTracePropertyException assertRejected(int index, String... patterns) {
		return assertThatExceptionOfType(InvalidCloudTracePropertyException.class)
			.isThrownBy(() -> compile(patterns))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo(PROPERTY + "[" + index + "]");
				assertThat(ex.getValue()).isEqualTo(patterns[index]);
				assertThat(ex.getAllowed()).contains("starting with '/'");
			})
			.actual();
	}

	private static ExcludedPaths compile(String... patterns) {
		List<String> list = Arrays.asList(patterns);
		return ExcludedPaths.compile(PROPERTY, list);
	}

}
