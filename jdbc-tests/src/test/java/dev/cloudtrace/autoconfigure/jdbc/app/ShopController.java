package dev.cloudtrace.autoconfigure.jdbc.app;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import org.postgresql.PGStatement;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoints whose statements the tests look for.
 */
@RestController
class ShopController {

	private final JdbcTemplate jdbc;

	private final ItemRepository items;

	ShopController(JdbcTemplate jdbc, ItemRepository items) {
		this.jdbc = jdbc;
		this.items = items;
	}

	/**
	 * Runs one statement of each kind with the name the request carries: literal values
	 * written into the text, a bound parameter, a repository query, a batch, and a failing
	 * statement.
	 */
	@PostMapping("/items")
	String add(@RequestBody String name) {
		this.jdbc.update("insert into item (name, price) values ('" + name + "', 7)");
		Integer count = this.jdbc.queryForObject("select count(*) from item where name = ?", Integer.class, name);
		List<Item> found = this.items.findByName(name);
		this.jdbc.batchUpdate("update item set price = ? where name = ?",
				List.of(new Object[] { 8, name }, new Object[] { 9, name }));
		try {
			this.jdbc.queryForObject("select no_such_column from item where name = '" + name + "'", String.class);
		}
		catch (DataAccessException ex) {
			// Expected: the span records the error.
		}
		return count + " " + found.size();
	}

	@GetMapping("/items-count")
	Integer count() {
		return this.jdbc.queryForObject("select count(*) from item", Integer.class);
	}

	/**
	 * Returns the text that PostgreSQL received for a plain and for a prepared statement.
	 */
	@GetMapping("/current-query")
	List<String> currentQuery() {
		String plain = this.jdbc.queryForObject("select current_query()", String.class);
		String prepared = this.jdbc.queryForObject("select current_query() where 1 = ?", String.class, 1);
		return List.of(plain, prepared);
	}

	/**
	 * Runs one prepared statement six times on one connection, and returns the text that
	 * PostgreSQL received each time, then whether the driver used a server-side prepared
	 * statement, then the texts of the connection's server-side prepared statements.
	 */
	@GetMapping("/prepared-reuse")
	List<String> preparedReuse() {
		return this.jdbc.execute((ConnectionCallback<List<String>>) (connection) -> {
			List<String> result = new ArrayList<>();
			try (PreparedStatement statement = connection.prepareStatement("select current_query(), ?::int")) {
				for (int i = 0; i < 6; i++) {
					statement.setInt(1, i);
					try (ResultSet rows = statement.executeQuery()) {
						rows.next();
						result.add(rows.getString(1));
					}
				}
				result.add(Boolean.toString(statement.unwrap(PGStatement.class).isUseServerPrepare()));
			}
			try (PreparedStatement prepared = connection.prepareStatement("select statement from pg_prepared_statements");
					ResultSet rows = prepared.executeQuery()) {
				while (rows.next()) {
					result.add(rows.getString(1));
				}
			}
			return result;
		});
	}

}
