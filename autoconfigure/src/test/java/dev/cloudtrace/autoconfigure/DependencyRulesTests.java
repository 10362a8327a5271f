package dev.cloudtrace.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks rules of the starter's dependencies on the compiled main classes, whose constant
 * pools hold every type they use and every string they could load a class by.
 */
class DependencyRulesTests {

	private static final Path CLASSES = Path.of("target", "classes", "dev", "cloudtrace", "autoconfigure");

	@Test
	void noClassNamesAnInternalPackageOfOpenTelemetrysExporters() {
		assertThat(classesReferring(CLASSES, "io/opentelemetry/exporter/internal", "io.opentelemetry.exporter.internal"))
			.isEmpty();
	}

	@Test
	void googleCloudPackageDoesNotDependOnTheSdkPackage() {
		assertThat(classesReferring(CLASSES.resolve("gcp"), "dev/cloudtrace/autoconfigure/sdk/")).isEmpty();
	}

	private static List<Path> classesReferring(Path directory, String... names) {
		assertThat(directory).isDirectory();
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter((file) -> file.toString().endsWith(".class"))
				.filter((file) -> Stream.of(names).anyMatch(read(file)::contains))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	// Constant pool entries are modified UTF-8, which is ASCII for these names.
	private static String read(Path file) {
		try {
			return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
