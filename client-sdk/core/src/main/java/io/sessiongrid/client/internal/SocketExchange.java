package io.sessiongrid.client.internal;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Blocking calls over plain HTTP/1.1 keep-alive sockets, one pool of idle connections per node.
 * <p>
 * The JDK's {@link java.net.http.HttpClient} hands every exchange between the caller, its selector
 * thread and its executor: measured beside a node on two cores, that was most of the SDK's CPU per
 * call. Here the calling thread writes the request and reads the answer itself, as Redis and
 * PostgreSQL drivers do. The non-blocking calls keep the JDK client ({@link #exchangeAsync}).
 * <p>
 * A pooled connection the node has closed meanwhile (its idle timeout) fails on first use without
 * any answer byte; an idempotent request is then sent once more on a new connection, any other fails
 * as a request that may have reached the node (as with the JDK client). Connections idle longer than
 * {@link #MAX_IDLE}, half the node's idle timeout, are never reused, so that case stays rare.
 */
public final class SocketExchange implements Exchange {

    /** Shorter than the node's idle timeout (60 s), so a pooled connection is rarely found closed. */
    static final Duration MAX_IDLE = Duration.ofSeconds(30);
    private static final int MAX_IDLE_PER_NODE = 256;
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final Duration connectTimeout;
    private final SSLContext sslContext;
    private final String authorization;
    private final Exchange async;
    private final Map<URI, Deque<Connection>> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param sslContext for https nodes, or null for the JVM's default
     * @param token      the API token sent as {@code Authorization: Bearer}, or null
     * @param async      the exchange that serves {@link #exchangeAsync}
     */
    public SocketExchange(Duration connectTimeout, SSLContext sslContext, String token, Exchange async) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.sslContext = sslContext;
        this.authorization = token == null ? null : "Bearer " + token;
        this.async = Objects.requireNonNull(async, "async");
    }

    @Override
    public ApiResponse exchange(Endpoint endpoint, ApiRequest request, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI uri = endpoint.resolve(request.target());
        byte[] head = head(uri, request);
        Connection pooled = pooled(endpoint.base());
        if (pooled != null) {
            try {
                return exchange(endpoint, pooled, head, request, deadline);
            } catch (StaleConnection stale) {
                if (!request.idempotent()) {
                    // The node may have read it before the connection broke: only the caller may decide.
                    throw new EOFException("The connection broke before the node answered " + request);
                }
                // Most likely the node closed this idle connection unread: send it afresh.
            }
        }
        Connection fresh = open(uri, deadline);
        try {
            return exchange(endpoint, fresh, head, request, deadline);
        } catch (StaleConnection stale) {
            throw new EOFException("The node closed the connection without answering " + request);
        }
    }

    @Override
    public CompletableFuture<ApiResponse> exchangeAsync(Endpoint endpoint, ApiRequest request, Duration timeout) {
        return async.exchangeAsync(endpoint, request, timeout);
    }

    private ApiResponse exchange(Endpoint endpoint, Connection connection, byte[] head, ApiRequest request,
                                 long deadline) throws IOException {
        boolean keep = false;
        try {
            OutputStream out = connection.out;
            if (request.body() == null || request.body().length == 0) {
                out.write(head);
            } else {
                byte[] message = new byte[head.length + request.body().length];
                System.arraycopy(head, 0, message, 0, head.length);
                System.arraycopy(request.body(), 0, message, head.length, request.body().length);
                out.write(message);
            }
            out.flush();
            Reply reply = read(connection, request.method(), deadline);
            keep = reply.keepAlive;
            return new ApiResponse(reply.status, reply.headers, reply.body);
        } catch (StaleConnection e) {
            throw e;
        } catch (IOException e) {
            if (connection.reused && !connection.answered && !(e instanceof SocketTimeoutException)) {
                throw new StaleConnection();
            }
            throw e;
        } finally {
            if (keep && !closed) {
                release(endpoint.base(), connection);
            } else {
                connection.close();
            }
        }
    }

    private byte[] head(URI uri, ApiRequest request) {
        StringBuilder head = new StringBuilder(256);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        head.append(request.method()).append(' ').append(path);
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(uri.getHost());
        if (uri.getPort() >= 0) {
            head.append(':').append(uri.getPort());
        }
        head.append("\r\n");
        request.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        int length = request.body() == null ? 0 : request.body().length;
        if (length > 0 || !request.method().equals("GET") && !request.method().equals("DELETE")) {
            head.append("Content-Length: ").append(length).append("\r\n");
        }
        head.append("\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private Connection pooled(URI base) throws IOException {
        Deque<Connection> connections = idle.get(base);
        if (connections == null) {
            return null;
        }
        long now = System.nanoTime();
        for (Connection c = connections.pollFirst(); c != null; c = connections.pollFirst()) {
            // Bytes waiting on an idle connection mean the node closed or answered out of turn.
            if (now - c.idleSince < MAX_IDLE.toNanos() && !c.socket.isClosed() && c.in.available() == 0) {
                c.reused = true;
                c.answered = false;
                return c;
            }
            c.close();
        }
        return null;
    }

    private void release(URI base, Connection connection) {
        Deque<Connection> connections = idle.computeIfAbsent(base, b -> new ConcurrentLinkedDeque<>());
        if (connections.size() >= MAX_IDLE_PER_NODE) {
            connection.close();
            return;
        }
        connection.idleSince = System.nanoTime();
        connections.offerFirst(connection);
        if (closed) {
            connection.close();
        }
    }

    private Connection open(URI uri, long deadline) throws IOException {
        boolean tls = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(uri.getHost(), port), (int) Math.max(1, Math.min(
                    connectTimeout.toMillis(), remainingMillis(deadline))));
            if (tls) {
                SSLContext context = sslContext != null ? sslContext : defaultSsl();
                SSLSocket secure = (SSLSocket) context.getSocketFactory().createSocket(socket, uri.getHost(), port, true);
                SSLParameters parameters = secure.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                secure.setSSLParameters(parameters);
                secure.setSoTimeout((int) remainingMillis(deadline));
                secure.startHandshake();
                socket = secure;
            }
            return new Connection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static SSLContext defaultSsl() throws IOException {
        try {
            return SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException("No TLS available", e);
        }
    }

    private static long remainingMillis(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("request timed out");
        }
        return left;
    }

    private static Reply read(Connection connection, String method, long deadline) throws IOException {
        connection.socket.setSoTimeout((int) remainingMillis(deadline));
        InputStream in = connection.in;
        String statusLine = line(in, connection);
        Reply reply = new Reply();
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("Not an HTTP/1.1 status line: " + statusLine);
        }
        reply.status = Integer.parseInt(statusLine.substring(9, 12));
        boolean http10 = statusLine.startsWith("HTTP/1.0");
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int headerBytes = 0;
        for (String line = line(in, connection); !line.isEmpty(); line = line(in, connection)) {
            headerBytes += line.length();
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new IOException("Response headers over " + MAX_HEADER_BYTES + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>(1))
                        .add(line.substring(colon + 1).trim());
            }
        }
        reply.headers = HttpHeaders.of(headers, (name, value) -> true);
        String connectionHeader = reply.headers.firstValue("Connection").orElse("").toLowerCase(Locale.ROOT);
        reply.keepAlive = http10 ? connectionHeader.contains("keep-alive") : !connectionHeader.contains("close");
        boolean noBody = method.equals("HEAD") || reply.status == 204 || reply.status == 304 || reply.status < 200;
        if (noBody) {
            reply.body = new byte[0];
        } else if (reply.headers.firstValue("Transfer-Encoding").orElse("").toLowerCase(Locale.ROOT).contains("chunked")) {
            reply.body = chunked(in, connection);
        } else if (reply.headers.firstValue("Content-Length").isPresent()) {
            long length = Long.parseLong(reply.headers.firstValue("Content-Length").get().trim());
            if (length < 0 || length > Integer.MAX_VALUE - 8) {
                throw new IOException("Unusable Content-Length " + length);
            }
            reply.body = in.readNBytes((int) length);
            if (reply.body.length != length) {
                throw new EOFException("The node closed the connection in the middle of an answer");
            }
        } else {
            reply.body = in.readAllBytes();
            reply.keepAlive = false;
        }
        return reply;
    }

    private static byte[] chunked(InputStream in, Connection connection) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in, connection);
            int semicolon = size.indexOf(';');
            int length = Integer.parseInt((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
            if (length == 0) {
                while (!line(in, connection).isEmpty()) {
                    // trailers: ignored
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(length);
            if (chunk.length != length) {
                throw new EOFException("The node closed the connection in the middle of an answer");
            }
            body.write(chunk);
            line(in, connection);
        }
    }

    /** One CRLF-terminated line in ISO-8859-1, without its terminator. */
    private static String line(InputStream in, Connection connection) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("The node closed the connection"
                        + (connection.answered ? " in the middle of an answer" : " without answering"));
            }
            connection.answered = true;
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() >= MAX_HEADER_BYTES) {
                throw new IOException("Response line over " + MAX_HEADER_BYTES + " bytes");
            }
            line.append((char) b);
        }
    }

    @Override
    public void close() {
        closed = true;
        idle.values().forEach(connections -> {
            for (Connection c = connections.pollFirst(); c != null; c = connections.pollFirst()) {
                c.close();
            }
        });
        async.close();
    }

    /** A pooled connection that failed before any answer byte: the node did not take the request. */
    private static final class StaleConnection extends IOException {
        StaleConnection() {
            super("stale pooled connection");
        }
    }

    private static final class Reply {
        int status;
        HttpHeaders headers;
        byte[] body;
        boolean keepAlive;
    }

    private static final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        long idleSince;
        boolean reused;
        boolean answered;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            this.out = socket.getOutputStream();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
