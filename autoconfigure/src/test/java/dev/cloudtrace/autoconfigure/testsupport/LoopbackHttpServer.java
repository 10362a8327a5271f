package dev.cloudtrace.autoconfigure.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * The JDK's HTTP server on an ephemeral port of 127.0.0.1, as the HTTP fakes run it: every request goes to one
 * handler, each exchange on a daemon thread of its own, so a hanging request holds up no other and no fake keeps a
 * JVM alive.
 */
final class LoopbackHttpServer implements AutoCloseable {

	private final ExecutorService executor;

	private final HttpServer server;

	/**
	 * Starts the server.
	 * @param threadName the name of the threads that handle exchanges
	 * @param handler handles every request, whatever its path
	 * @throws IOException if the port cannot be bound
	 */
	LoopbackHttpServer(String threadName, HttpHandler handler) throws IOException {
		this.executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, threadName);
			thread.setDaemon(true);
			return thread;
		});
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", handler);
		this.server.start();
	}

	/**
	 * Returns the bound port.
	 */
	int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Returns the base URL, {@code http://127.0.0.1:PORT}, without a path.
	 */
	String endpoint() {
		return "http://127.0.0.1:" + port();
	}

	/**
	 * Stops at once, dropping exchanges still in progress.
	 */
	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
