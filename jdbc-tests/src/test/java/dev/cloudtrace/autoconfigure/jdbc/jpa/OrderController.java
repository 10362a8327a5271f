package dev.cloudtrace.autoconfigure.jdbc.jpa;

import java.util.List;

import jakarta.persistence.EntityManager;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Saves two orders and reads them back through Hibernate, then asks PostgreSQL, through a
 * Hibernate native query, for the text it received.
 */
@RestController
class OrderController {

	private final PurchaseOrderRepository orders;

	private final EntityManager entityManager;

	OrderController(PurchaseOrderRepository orders, EntityManager entityManager) {
		this.orders = orders;
		this.entityManager = entityManager;
	}

	@PostMapping("/orders")
	@Transactional
	List<String> order(@RequestBody String customer) {
		PurchaseOrder first = this.orders.saveAndFlush(new PurchaseOrder(customer, 3));
		PurchaseOrder second = this.orders.saveAndFlush(new PurchaseOrder(customer, 4));
		int found = this.orders.findByCustomer(customer).size();
		Object received = this.entityManager.createNativeQuery("select current_query() where 1 = ?1")
			.setParameter(1, 1)
			.getSingleResult();
		return List.of(String.valueOf(first.getId() != null && second.getId() != null), String.valueOf(found),
				received.toString());
	}

}
