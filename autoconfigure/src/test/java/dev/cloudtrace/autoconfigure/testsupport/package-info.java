/**
 * In-process fakes of the Google endpoints the exporters talk to, decoding the real wire format on loopback.
 */
package dev.cloudtrace.autoconfigure.testsupport;
