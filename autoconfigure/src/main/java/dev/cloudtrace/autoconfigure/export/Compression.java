package dev.cloudtrace.autoconfigure.export;

/**
 * Compression of export requests.
 */
public enum Compression {

	/**
	 * No compression.
	 */
	NONE,

	/**
	 * Gzip.
	 */
	GZIP

}
