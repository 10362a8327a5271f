/**
 * Server spans for Spring MVC applications: the tracing servlet filter, its registration and
 * the paths it leaves untraced.
 */
package dev.cloudtrace.autoconfigure.web.server;
