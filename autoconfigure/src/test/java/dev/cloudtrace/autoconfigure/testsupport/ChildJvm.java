package dev.cloudtrace.autoconfigure.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A main class of the test classpath run in a JVM of its own, for what a test cannot do in its own JVM: set
 * environment variables. The child sees only the variables it is given, a {@code HOME} (and {@code user.home}) of its
 * own that is empty, so no gcloud configuration or other file of the machine's user is found, and it resolves host
 * names only from a hosts file that names {@code localhost} alone: a call to any other host, such as
 * {@code metadata.google.internal}, fails in the child instead of leaving the machine.
 * <p>
 * {@link #start} returns once the child prints its ready line; {@link #close()} stops it, forcibly if it does not
 * stop by itself, and every wait is bounded.
 */
public final class ChildJvm implements AutoCloseable {

	private static final String HTTP_SENDER_PROVIDER = "io.opentelemetry.exporter.internal.http.HttpSenderProvider";

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

	private final Process process;

	private final Path directory;

	private final StringBuilder output = new StringBuilder();

	private final CompletableFuture<String> ready = new CompletableFuture<>();

	private ChildJvm(Process process, Path directory) {
		this.process = process;
		this.directory = directory;
	}

	/**
	 * Starts {@code mainClass} and waits for its ready line.
	 * @param mainClass the class whose {@code main} runs
	 * @param environment the child's environment variables, besides {@code HOME}
	 * @param systemProperties system properties of the child
	 * @param arguments the arguments of {@code main}
	 * @param readyPrefix how the line the child prints when ready starts
	 * @param timeout how long to wait for that line
	 * @return the running child
	 * @throws IOException if the child cannot be started
	 * @throws AssertionError with the child's output when it is not ready in time; it is then stopped
	 */
	public static ChildJvm start(Class<?> mainClass, Map<String, String> environment,
			Map<String, String> systemProperties, List<String> arguments, String readyPrefix, Duration timeout)
			throws IOException {
		Path directory = Files.createTempDirectory("child-jvm");
		Path home = Files.createDirectory(directory.resolve("home"));
		Path hosts = Files.writeString(directory.resolve("hosts"), "127.0.0.1 localhost\n");
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-XX:TieredStopAtLevel=1", "-Duser.home=" + home, "-Djdk.net.hosts.file=" + hosts));
		// The build pins OpenTelemetry's JDK HTTP sender for the tests (pom.xml); the child exports the same way.
		String httpSender = System.getProperty(HTTP_SENDER_PROVIDER);
		if (httpSender != null) {
			command.add("-D" + HTTP_SENDER_PROVIDER + "=" + httpSender);
		}
		systemProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().clear();
		builder.environment().putAll(environment);
		builder.environment().put("HOME", home.toString());
		ChildJvm child = new ChildJvm(builder.start(), directory);
		try {
			child.awaitReady(readyPrefix, timeout);
			return child;
		}
		catch (RuntimeException | Error ex) {
			child.close();
			throw ex;
		}
	}

	/**
	 * Returns a port of 127.0.0.1 that was free a moment ago, for a child to listen on.
	 * @throws UncheckedIOException if no port can be had
	 */
	public static int freeLoopbackPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns the line the child printed when it was ready.
	 */
	public String readyLine() {
		return this.ready.getNow(null);
	}

	/**
	 * Returns what the child printed so far, standard output and error together.
	 */
	public String output() {
		synchronized (this.output) {
			return this.output.toString();
		}
	}

	/**
	 * Stops the child as a platform does (SIGTERM, which runs its shutdown hooks), forcibly if it has not stopped
	 * within 15 seconds, and deletes its files.
	 */
	@Override
	public void close() {
		try {
			this.process.destroy();
			if (!this.process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.process.destroyForcibly();
			delete(this.directory);
		}
	}

	private void awaitReady(String readyPrefix, Duration timeout) {
		Thread reader = new Thread(() -> read(readyPrefix), "child-jvm-output");
		reader.setDaemon(true);
		reader.start();
		try {
			this.ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			throw new AssertionError("The child JVM was not ready within " + timeout + " (" + ex + "); its output:\n"
					+ output(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while waiting for the child JVM", ex);
		}
	}

	private void read(String readyPrefix) {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				synchronized (this.output) {
					this.output.append(line).append(System.lineSeparator());
				}
				if (line.startsWith(readyPrefix)) {
					this.ready.complete(line);
				}
			}
			this.ready.completeExceptionally(new IllegalStateException("the child JVM exited"));
		}
		catch (IOException ex) {
			this.ready.completeExceptionally(ex);
		}
	}

	private static void delete(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// A temporary directory left behind is harmless.
		}
	}

}
