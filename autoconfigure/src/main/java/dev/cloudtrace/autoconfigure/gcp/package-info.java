/**
 * Google Cloud specifics: platform detection, credentials and the project that receives
 * the spans.
 */
@NullMarked
package dev.cloudtrace.autoconfigure.gcp;

import org.jspecify.annotations.NullMarked;
