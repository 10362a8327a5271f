package dev.cloudtrace.autoconfigure.jdbc.app;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A row of the {@code item} table (Spring Data's default name for this type). {@code @Table}
 * makes it Spring Data JDBC's, next to Spring Data JPA.
 *
 * @param id the generated id
 * @param name the name
 * @param price the price
 */
@Table
public record Item(@Id Long id, String name, int price) {

}
