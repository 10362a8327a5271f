/**
 * In-process fakes of the Google endpoints the exporters talk to, decoding the real wire format on loopback, and a
 * child JVM for applications that need an environment of their own.
 */
package dev.cloudtrace.autoconfigure.testsupport;
