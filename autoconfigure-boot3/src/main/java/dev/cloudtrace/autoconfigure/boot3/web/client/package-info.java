/**
 * Client spans for {@code RestTemplate} and {@code RestClient} built by Spring Boot 3's builders.
 */
package dev.cloudtrace.autoconfigure.boot3.web.client;
