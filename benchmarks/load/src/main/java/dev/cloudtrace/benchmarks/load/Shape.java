package dev.cloudtrace.benchmarks.load;

/**
 * How the benchmark application is deployed for one part of the load benchmark.
 */
enum Shape {

	/**
	 * One JVM: {@code /front} calls {@code /back} of the same process, which runs the
	 * annotated method.
	 */
	ONE_PROCESS("one-process", "/front"),

	/**
	 * Two JVMs: service A's {@code /a} runs the annotated method and calls {@code /b} of
	 * service B.
	 */
	TWO_SERVICE("two-service", "/a");

	private final String option;

	private final String path;

	Shape(String option, String path) {
		this.option = option;
		this.path = path;
	}

	/**
	 * Return the name of the shape on the command line.
	 * @return the name
	 */
	String option() {
		return this.option;
	}

	/**
	 * Return the path that the load generator calls.
	 * @return the path
	 */
	String path() {
		return this.path;
	}

}
