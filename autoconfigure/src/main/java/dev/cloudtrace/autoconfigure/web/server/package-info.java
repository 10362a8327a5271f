/**
 * Server spans for Spring MVC applications: the tracing servlet filter, its registration and
 * the paths it leaves untraced.
 */
@NullMarked
package dev.cloudtrace.autoconfigure.web.server;

import org.jspecify.annotations.NullMarked;
