package dev.cloudtrace.autoconfigure.compatibility;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Version}.
 */
class VersionTests {

	@Test
	void parsesMajorMinorPatch() {
		assertThat(Version.parse("1.55.0")).isEqualTo(new Version(1, 55, 0, null));
	}

	@Test
	void parsesSuffix() {
		assertThat(Version.parse("1.55.0-alpha")).isEqualTo(new Version(1, 55, 0, "alpha"));
		assertThat(Version.parse("1.55.0-rc-1")).isEqualTo(new Version(1, 55, 0, "rc-1"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "1", "1.55", "1.55.0.1", "v1.55.0", "1.55.0-", "1.x.0", " 1.55.0", "1.9999999999.0" })
	void rejectsTextThatIsNotMajorMinorPatch(String text) {
		assertThat(Version.parse(text)).isNull();
	}

	@Test
	void ordersNumbersNumerically() {
		assertThat(Version.parse("1.9.0")).isLessThan(Version.parse("1.10.0"));
		assertThat(Version.parse("1.48.9")).isLessThan(Version.parse("1.49.0"));
		assertThat(Version.parse("1.49.0")).isLessThan(Version.parse("1.49.1"));
		assertThat(Version.parse("1.62.0")).isLessThan(Version.parse("2.0.0"));
		assertThat(Version.parse("1.49.0")).isEqualByComparingTo(Version.parse("1.49.0"));
	}

	@Test
	void ordersSuffixedVersionBeforeTheSameVersionWithout() {
		assertThat(Version.parse("1.49.0-SNAPSHOT")).isLessThan(Version.parse("1.49.0"));
		assertThat(Version.parse("1.49.0-SNAPSHOT")).isGreaterThan(Version.parse("1.48.9"));
		assertThat(Version.parse("1.49.0-alpha")).isLessThan(Version.parse("1.49.0-beta"));
	}

	@Test
	void printsAsParsed() {
		assertThat(Version.parse("1.55.0-alpha")).hasToString("1.55.0-alpha");
		assertThat(Version.parse("1.55.0")).hasToString("1.55.0");
	}

}
