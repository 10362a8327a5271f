package dev.cloudtrace.autoconfigure.jdbc;

/**
 * {@link DatabaseSpansEndToEndTests} on H2 in memory.
 */
class H2DatabaseSpansTests extends DatabaseSpansEndToEndTests {

	@Override
	String[] databaseProperties() {
		return new String[] { "spring.datasource.url=jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1" };
	}

	@Override
	String dbSystem() {
		return "h2";
	}

	@Override
	String dbName() {
		return "shop";
	}

}
