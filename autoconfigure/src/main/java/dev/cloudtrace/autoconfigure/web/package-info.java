/**
 * HTTP tracing shared by the server and client instrumentation: the header names captured as
 * span attributes, and the redaction of credentials in URLs.
 */
package dev.cloudtrace.autoconfigure.web;
