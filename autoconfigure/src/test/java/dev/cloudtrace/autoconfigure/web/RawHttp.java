package dev.cloudtrace.autoconfigure.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends HTTP/1.1 requests over a plain socket, byte for byte: unlike the JDK's client it
 * lets a test send any header, repeated, with control characters or raw non-ASCII bytes.
 */
public final class RawHttp {

	private static final int TIMEOUT_MILLIS = 10_000;

	private RawHttp() {
	}

	/**
	 * Sends a GET request on a new connection and reads the whole response.
	 * @param port the loopback port
	 * @param target the request target, such as {@code /echo?q=1}
	 * @param headers header lines as name and value, each character of which is sent as
	 * one byte (ISO-8859-1); repeated names are sent repeatedly
	 * @return the response
	 * @throws IOException if the exchange fails before a status line arrives
	 */
	public static Response get(int port, String target, List<Map.Entry<String, String>> headers) throws IOException {
		StringBuilder request = new StringBuilder("GET ").append(target)
			.append(" HTTP/1.1\r\nHost: 127.0.0.1:")
			.append(port)
			.append("\r\nConnection: close\r\n");
		for (Map.Entry<String, String> header : headers) {
			request.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
		}
		request.append("\r\n");
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(TIMEOUT_MILLIS);
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
			}
			catch (SocketException ex) {
				// The server may answer and close before reading a request it rejects.
			}
			return Response.parse(readAll(socket.getInputStream()));
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			int read;
			while ((read = in.read(buffer)) != -1) {
				bytes.write(buffer, 0, read);
			}
		}
		catch (SocketException ex) {
			if (bytes.size() == 0) {
				throw ex;
			}
		}
		return bytes.toByteArray();
	}

	/**
	 * A response's status and headers (lower-case names, last value wins).
	 *
	 * @param status the status code
	 * @param headers the headers
	 */
	public record Response(int status, Map<String, String> headers) {

		static Response parse(byte[] bytes) throws IOException {
			String text = new String(bytes, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			String[] lines = ((end >= 0) ? text.substring(0, end) : text).split("\r\n");
			if (lines.length == 0 || !lines[0].startsWith("HTTP/1.1 ") || lines[0].length() < 12) {
				throw new IOException("No status line in " + text.length() + " bytes: "
						+ text.substring(0, Math.min(200, text.length())));
			}
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				if (colon > 0) {
					headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
							lines[i].substring(colon + 1).trim());
				}
			}
			return new Response(Integer.parseInt(lines[0].substring(9, 12)), headers);
		}

		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

}
