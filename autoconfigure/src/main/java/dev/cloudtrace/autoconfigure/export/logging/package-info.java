/**
 * Development exporter that prints each finished trace as a tree.
 */
@NullMarked
package dev.cloudtrace.autoconfigure.export.logging;

import org.jspecify.annotations.NullMarked;
