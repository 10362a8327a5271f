package dev.cloudtrace.autoconfigure.jdbc.app;

import org.springframework.data.annotation.Id;

/**
 * A row of the {@code item} table (Spring Data's default name for this type).
 *
 * @param id the generated id
 * @param name the name
 * @param price the price
 */
public record Item(@Id Long id, String name, int price) {

}
