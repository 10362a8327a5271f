package dev.cloudtrace.autoconfigure.compatibility;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.asm.ClassWriter;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.boot.test.context.FilteredClassLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OpenTelemetryVersions}.
 */
class OpenTelemetryVersionsTests {

	// What mvn dependency:tree -pl autoconfigure shows: every artifact at the build's baseline
	// (the oldest line a supported Spring Boot manages), and no incubator, which the build
	// excludes as the starter does.
	private static final String BUILD_VERSION = "1.49.0";

	@TempDir
	Path directory;

	@Test
	void readsTheVersionsOfTheArtifactsOnTheTestClasspath() {
		OpenTelemetryVersions versions = OpenTelemetryVersions.read(getClass().getClassLoader());
		for (OpenTelemetryArtifact artifact : OpenTelemetryArtifact.values()) {
			if (artifact == OpenTelemetryArtifact.API_INCUBATOR) {
				assertThat(versions.isPresent(artifact)).as(artifact.getCoordinates()).isFalse();
			}
			else {
				assertThat(versions.isPresent(artifact)).as(artifact.getCoordinates()).isTrue();
				assertThat(versions.getVersion(artifact)).as(artifact.getCoordinates()).isEqualTo(BUILD_VERSION);
			}
		}
	}

	@Test
	void readsTheImplementationVersionOfEachJar() throws IOException {
		Path api = jar("api.jar", "1.45.0", OpenTelemetryArtifact.API);
		Path incubator = jar("incubator.jar", "1.45.0-alpha", OpenTelemetryArtifact.API_INCUBATOR);
		try (URLClassLoader classLoader = classLoader(api, incubator)) {
			OpenTelemetryVersions versions = OpenTelemetryVersions.read(classLoader);
			assertThat(versions.getVersion(OpenTelemetryArtifact.API)).isEqualTo("1.45.0");
			assertThat(versions.getVersion(OpenTelemetryArtifact.API_INCUBATOR)).isEqualTo("1.45.0-alpha");
			assertThat(versions.isPresent(OpenTelemetryArtifact.SDK)).isFalse();
			assertThat(versions.getVersion(OpenTelemetryArtifact.SDK)).isNull();
		}
	}

	@Test
	void doesNotInitialiseTheClassesItReads() throws IOException {
		// Every class that jar() writes throws from its static initialiser.
		try (URLClassLoader classLoader = classLoader(jar("api.jar", "1.45.0", OpenTelemetryArtifact.API))) {
			assertThat(OpenTelemetryVersions.read(classLoader).getVersion(OpenTelemetryArtifact.API))
				.isEqualTo("1.45.0");
		}
	}

	@Test
	void versionIsUnknownWhenTheManifestNamesNone() throws IOException {
		try (URLClassLoader classLoader = classLoader(jar("api.jar", null, OpenTelemetryArtifact.API))) {
			OpenTelemetryVersions versions = OpenTelemetryVersions.read(classLoader);
			assertThat(versions.isPresent(OpenTelemetryArtifact.API)).isTrue();
			assertThat(versions.getVersion(OpenTelemetryArtifact.API)).isNull();
		}
	}

	@Test
	void versionsAreUnknownWhenOneJarHoldsSeveralArtifacts() throws IOException {
		// A shaded application jar: its manifest gives the application's version, not OpenTelemetry's.
		Path shaded = jar("application.jar", "1.0.0", OpenTelemetryArtifact.API, OpenTelemetryArtifact.CONTEXT);
		Path sdk = jar("sdk.jar", "1.55.0", OpenTelemetryArtifact.SDK);
		try (URLClassLoader classLoader = classLoader(shaded, sdk)) {
			OpenTelemetryVersions versions = OpenTelemetryVersions.read(classLoader);
			assertThat(versions.isPresent(OpenTelemetryArtifact.API)).isTrue();
			assertThat(versions.getVersion(OpenTelemetryArtifact.API)).isNull();
			assertThat(versions.isPresent(OpenTelemetryArtifact.CONTEXT)).isTrue();
			assertThat(versions.getVersion(OpenTelemetryArtifact.CONTEXT)).isNull();
			assertThat(versions.getVersion(OpenTelemetryArtifact.SDK)).isEqualTo("1.55.0");
		}
	}

	@Test
	void findsNothingWhenOpenTelemetryIsAbsent() {
		OpenTelemetryVersions versions = OpenTelemetryVersions.read(new FilteredClassLoader("io.opentelemetry"));
		for (OpenTelemetryArtifact artifact : OpenTelemetryArtifact.values()) {
			assertThat(versions.isPresent(artifact)).as(artifact.getCoordinates()).isFalse();
		}
	}

	@Test
	void buildsVersionsWithKnownAndUnknownVersions() {
		OpenTelemetryVersions versions = OpenTelemetryVersions.none()
			.with(OpenTelemetryArtifact.API, "1.55.0")
			.withUnknownVersion(OpenTelemetryArtifact.SDK);
		assertThat(versions.getVersion(OpenTelemetryArtifact.API)).isEqualTo("1.55.0");
		assertThat(versions.isPresent(OpenTelemetryArtifact.SDK)).isTrue();
		assertThat(versions.getVersion(OpenTelemetryArtifact.SDK)).isNull();
		assertThat(versions.isPresent(OpenTelemetryArtifact.CONTEXT)).isFalse();
		assertThat(versions).hasToString(
				"{io.opentelemetry:opentelemetry-api:1.55.0, io.opentelemetry:opentelemetry-sdk:unknown}");
		assertThat(OpenTelemetryVersions.none().isPresent(OpenTelemetryArtifact.API)).isFalse();
	}

	private Path jar(String name, @Nullable String implementationVersion, OpenTelemetryArtifact... artifacts)
			throws IOException {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		if (implementationVersion != null) {
			manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, implementationVersion);
		}
		Path jar = this.directory.resolve(name);
		try (OutputStream file = Files.newOutputStream(jar);
				JarOutputStream output = new JarOutputStream(file, manifest)) {
			for (OpenTelemetryArtifact artifact : artifacts) {
				String internalName = artifact.getClassName().replace('.', '/');
				output.putNextEntry(new JarEntry(internalName + ".class"));
				output.write(classThatFailsToInitialise(internalName));
				output.closeEntry();
			}
		}
		return jar;
	}

	private static byte[] classThatFailsToInitialise(String internalName) {
		ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
		writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, internalName, null, "java/lang/Object", null);
		MethodVisitor initialiser = writer.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
		initialiser.visitCode();
		initialiser.visitTypeInsn(Opcodes.NEW, "java/lang/IllegalStateException");
		initialiser.visitInsn(Opcodes.DUP);
		initialiser.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/IllegalStateException", "<init>", "()V", false);
		initialiser.visitInsn(Opcodes.ATHROW);
		initialiser.visitMaxs(0, 0);
		initialiser.visitEnd();
		writer.visitEnd();
		return writer.toByteArray();
	}

	// The platform class loader as parent, so that the test classpath's OpenTelemetry stays out of sight.
	private static URLClassLoader classLoader(Path... jars) throws IOException {
		URL[] urls = new URL[jars.length];
		for (int i = 0; i < jars.length; i++) {
			urls[i] = jars[i].toUri().toURL();
		}
		return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
	}

}
