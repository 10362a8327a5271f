package dev.cloudtrace.autoconfigure.compatibility;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A version of the form {@code major.minor.patch[-suffix]}, as OpenTelemetry's artifacts are
 * numbered, ordered the semantic-versioning way: numbers first, then a version with a suffix
 * ({@code 1.50.0-SNAPSHOT}) before the same version without one.
 *
 * @param major the major version
 * @param minor the minor version
 * @param patch the patch version
 * @param suffix what follows the first {@code -}, or {@code null} when there is none
 */
record Version(int major, int minor, int patch, @Nullable String suffix) implements Comparable<Version> {

	private static final Pattern PATTERN = Pattern.compile("(\\d{1,9})\\.(\\d{1,9})\\.(\\d{1,9})(?:-(.+))?");

	private static final Comparator<Version> ORDER = Comparator.comparingInt(Version::major)
		.thenComparingInt(Version::minor)
		.thenComparingInt(Version::patch)
		.thenComparing(Version::suffix, Comparator.nullsLast(Comparator.naturalOrder()));

	/**
	 * Parse a version.
	 * @param text the version, such as {@code 1.55.0} or {@code 1.55.0-alpha}
	 * @return the version, or {@code null} when the text is not of the form
	 * {@code major.minor.patch[-suffix]}
	 */
	static @Nullable Version parse(String text) {
		Matcher matcher = PATTERN.matcher(text);
		if (!matcher.matches()) {
			return null;
		}
		return new Version(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
				Integer.parseInt(matcher.group(3)), matcher.group(4));
	}

	@Override
	public int compareTo(Version other) {
		return ORDER.compare(this, other);
	}

	@Override
	public String toString() {
		String version = this.major + "." + this.minor + "." + this.patch;
		return (this.suffix != null) ? version + "-" + this.suffix : version;
	}

}
