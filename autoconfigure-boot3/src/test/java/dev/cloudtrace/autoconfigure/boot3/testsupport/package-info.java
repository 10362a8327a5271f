/**
 * The starter's foundation auto-configurations, set up offline, for tests on Spring Boot 3.
 */
package dev.cloudtrace.autoconfigure.boot3.testsupport;
