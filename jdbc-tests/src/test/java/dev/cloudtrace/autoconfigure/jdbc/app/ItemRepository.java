package dev.cloudtrace.autoconfigure.jdbc.app;

import java.util.List;

import org.springframework.data.repository.CrudRepository;

/**
 * Spring Data JDBC repository of {@link Item items}.
 */
public interface ItemRepository extends CrudRepository<Item, Long> {

	List<Item> findByName(String name);

}
