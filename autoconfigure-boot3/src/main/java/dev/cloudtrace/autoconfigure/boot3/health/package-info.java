/**
 * The {@code cloudTrace} health contributor on Spring Boot 3, whose health API is in Actuator.
 */
package dev.cloudtrace.autoconfigure.boot3.health;
