/**
 * Google Cloud specifics: platform detection, credentials and the project that receives
 * the spans.
 */
package dev.cloudtrace.autoconfigure.gcp;
