package dev.cloudtrace.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counters of the {@link FakeOtlpReceiver}, read over HTTP.
 *
 * @param services counter values by name, by service name
 * @param totals counters of the receiver as a whole, such as {@code tokens}
 */
record ReceiverStats(Map<String, Map<String, Long>> services, Map<String, Long> totals) {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	static ReceiverStats read(String receiver) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create(receiver + "/stats")).timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
		Map<String, Map<String, Long>> services = new LinkedHashMap<>();
		Map<String, Long> totals = new LinkedHashMap<>();
		for (String line : response.body().split("\n")) {
			if (!line.startsWith("service=")) {
				int equals = line.indexOf('=');
				if (equals > 0) {
					totals.put(line.substring(0, equals), Long.parseLong(line.substring(equals + 1).trim()));
				}
				continue;
			}
			String[] pairs = line.trim().split(" ");
			Map<String, Long> values = new LinkedHashMap<>();
			for (int i = 1; i < pairs.length; i++) {
				int equals = pairs[i].indexOf('=');
				values.put(pairs[i].substring(0, equals), Long.parseLong(pairs[i].substring(equals + 1)));
			}
			services.put(pairs[0].substring("service=".length()), values);
		}
		return new ReceiverStats(services, totals);
	}

	long get(String service, String counter) {
		return this.services.getOrDefault(service, Map.of()).getOrDefault(counter, 0L);
	}

}
