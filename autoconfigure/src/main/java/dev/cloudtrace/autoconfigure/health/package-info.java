/**
 * Spring Boot Actuator's view of the export pipeline: the {@code cloudTrace} health
 * contributor.
 */
package dev.cloudtrace.autoconfigure.health;
