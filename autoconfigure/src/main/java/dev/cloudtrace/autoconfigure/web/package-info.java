/**
 * HTTP tracing shared by the server and client instrumentation: validation of the header names
 * captured as span attributes.
 */
package dev.cloudtrace.autoconfigure.web;
