/**
 * HTTP tracing shared by the server and client instrumentation: the header names captured as
 * span attributes, and the redaction of credentials in URLs.
 */
@NullMarked
package dev.cloudtrace.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
