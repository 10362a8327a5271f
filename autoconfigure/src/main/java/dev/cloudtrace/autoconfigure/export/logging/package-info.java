/**
 * Development exporter that prints each finished trace as a tree.
 */
package dev.cloudtrace.autoconfigure.export.logging;
