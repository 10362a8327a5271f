package dev.cloudtrace.autoconfigure.jdbc.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/**
 * A JPA entity whose id the database generates, so that Hibernate asks the driver for the
 * generated keys of each insert.
 */
@Entity
public class PurchaseOrder {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String customer;

	private int amount;

	protected PurchaseOrder() {
	}

	PurchaseOrder(String customer, int amount) {
		this.customer = customer;
		this.amount = amount;
	}

	public Long getId() {
		return this.id;
	}

	public String getCustomer() {
		return this.customer;
	}

	public int getAmount() {
		return this.amount;
	}

}
