/**
 * Spring Boot Actuator's view of the export pipeline: the {@code cloudTrace} health
 * contributor.
 */
@NullMarked
package dev.cloudtrace.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
