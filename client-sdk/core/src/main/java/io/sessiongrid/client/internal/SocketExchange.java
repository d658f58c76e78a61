package io.sessiongrid.client.internal;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Blocking calls over plain HTTP/1.1 keep-alive sockets, one pool of idle connections per node.
 * <p>
 * The JDK's {@link java.net.http.HttpClient} hands every exchange between the caller, its selector
 * thread and its executor: measured beside a node on two cores, that was most of the SDK's CPU per
 * call. Here the calling thread writes the request and reads the answer itself, as Redis and
 * PostgreSQL drivers do. The non-blocking calls keep the JDK client ({@link #exchangeAsync}).
 * <p>
 * A pooled connection is checked before reuse with a non-blocking read (a node that closed it, by
 * its idle timeout or on leaving, shows end of stream) and never reused after {@link #MAX_IDLE}, half
 * the node's idle timeout. A failure while connecting is a {@link ConnectException} (nothing was
 * sent, the failover may move on); any later one may have reached the node, and the failover decides
 * by the call's idempotency. The call's timeout bounds every wait: a plain connection waits on a
 * selector of its own with the time left, a TLS socket reads with that time as its timeout and a
 * watchdog bounds its writes too large for the socket's buffer. An interrupt ends the call with
 * {@link InterruptedException}.
 */
public final class SocketExchange implements Exchange {

    /** Shorter than the node's idle timeout (60 s), so a pooled connection is rarely found closed. */
    static final Duration MAX_IDLE = Duration.ofSeconds(30);
    private static final int MAX_IDLE_PER_NODE = 256;
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    /** Requests up to this size fit a socket's send buffer: writing them never waits for the node. */
    private static final int UNWATCHED_WRITE_BYTES = 64 * 1024;
    private static final String NOT_READING = "request timed out while the node was not reading it";
    /** Longer timeouts are cut to this, so deadlines never overflow. */
    private static final Duration MAX_TIMEOUT = Duration.ofDays(1);
    /** Closes a connection whose large request the node is not reading when its call's time is up. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sessiongrid-client-write-watchdog");
        t.setDaemon(true);
        return t;
    });

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
    public ApiResponse exchange(Endpoint endpoint, ApiRequest request, Duration timeout)
            throws IOException, InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long deadline = System.nanoTime() + Math.min(timeout.toNanos(), MAX_TIMEOUT.toNanos());
        URI uri = endpoint.resolve(request.target());
        byte[] head = head(uri, request);
        Connection connection = pooled(endpoint.base());
        if (connection == null) {
            connection = open(uri, deadline);
        }
        try {
            return exchange(endpoint, connection, head, request, deadline);
        } catch (IOException e) {
            if (Thread.interrupted()) {
                // The interrupt closed the channel: report it as the JDK client does.
                InterruptedException interrupted = new InterruptedException("interrupted during " + request);
                interrupted.initCause(e);
                throw interrupted;
            }
            throw e;
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
            byte[] body = request.body();
            byte[] message = head;
            if (body != null && body.length > 0) {
                message = new byte[head.length + body.length];
                System.arraycopy(head, 0, message, 0, head.length);
                System.arraycopy(body, 0, message, head.length, body.length);
            }
            write(connection, message, deadline);
            Reply reply = read(connection, request.method(), deadline);
            keep = reply.keepAlive;
            return new ApiResponse(reply.status, reply.headers, reply.body);
        } catch (NumberFormatException e) {
            throw new ProtocolException("Unreadable answer to " + request + ": " + e.getMessage());
        } finally {
            if (keep && !closed) {
                release(endpoint.base(), connection);
            } else {
                connection.close();
            }
        }
    }

    /**
     * Writes the whole request within the call's deadline. A plain connection writes without blocking
     * and waits on its selector while the node does not read; on a TLS socket a write blocks only while
     * the node does not read, so for a request larger than a socket buffer a watchdog closes the
     * connection at the deadline.
     */
    private static void write(Connection connection, byte[] message, long deadline) throws IOException {
        if (!connection.tls) {
            connection.send(message, deadline);
            return;
        }
        if (message.length <= UNWATCHED_WRITE_BYTES) {
            connection.out.write(message);
            connection.out.flush();
            return;
        }
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(connection::close,
                Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        try {
            connection.out.write(message);
            connection.out.flush();
        } catch (IOException e) {
            if (deadline - System.nanoTime() <= 0) {
                throw new SocketTimeoutException(NOT_READING);
            }
            throw e;
        } finally {
            watchdog.cancel(false);
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

    private Connection pooled(URI base) {
        Deque<Connection> connections = idle.get(base);
        if (connections == null) {
            return null;
        }
        long now = System.nanoTime();
        for (Connection c = connections.pollFirst(); c != null; c = connections.pollFirst()) {
            if (now - c.idleSince < MAX_IDLE.toNanos() && c.open()) {
                return c;
            }
            c.close();
        }
        return null;
    }

    private void release(URI base, Connection connection) {
        Deque<Connection> connections = idle.computeIfAbsent(base, b -> new ConcurrentLinkedDeque<>());
        long now = System.nanoTime();
        // The oldest sit at the tail: drop those past their idle time rather than keep them half-closed.
        for (Connection oldest = connections.peekLast(); oldest != null && now - oldest.idleSince >= MAX_IDLE.toNanos();
             oldest = connections.peekLast()) {
            if (connections.removeLastOccurrence(oldest)) {
                oldest.close();
            }
        }
        if (connections.size() >= MAX_IDLE_PER_NODE) {
            connection.close();
            return;
        }
        connection.idleSince = now;
        connections.offerFirst(connection);
        if (closed && connections.remove(connection)) {
            // Closed meanwhile: take it back, unless a caller already did (close() drains the rest).
            connection.close();
        }
    }

    /**
     * A new connection. A failure to reach the node (refused, unknown host, no route, timeout) comes
     * before a byte of the request was sent, so it is reported as a connect failure
     * ({@link ConnectException}, or {@link HttpConnectTimeoutException} for a timeout) and the
     * failover moves on to the next node even for calls unsafe to repeat. A TLS failure is thrown as
     * it is.
     */
    private Connection open(URI uri, long deadline) throws IOException {
        boolean tls = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
        String where = uri.getHost() + ":" + port;
        SocketChannel channel = SocketChannel.open();
        try {
            Socket socket = channel.socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(uri.getHost(), port),
                    (int) Math.min(connectTimeout.toMillis(), remainingMillis(deadline)));
            if (tls) {
                return secure(channel, socket, uri, port, deadline);
            }
        } catch (SocketTimeoutException e) {
            channel.close();
            HttpConnectTimeoutException timeout = new HttpConnectTimeoutException("Connecting to " + where + " timed out");
            timeout.initCause(e);
            throw timeout;
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (e instanceof ClosedByInterruptException || e instanceof SSLException) {
                // An interrupt is the caller's; a TLS failure (an untrusted certificate) is the
                // configuration's, surfaced as it is, as the JDK client did.
                throw e;
            }
            ConnectException refused = new ConnectException("Could not connect to " + where + ": " + e);
            refused.initCause(e);
            throw refused;
        }
        try {
            return Connection.plain(channel);
        } catch (IOException e) {
            // Connected, but no selector for it (out of file descriptors): not the node's failure.
            channel.close();
            throw new IOException("Connected to " + where + " but could not set the connection up: " + e, e);
        }
    }

    /** The TLS handshake on a connected socket, with host name verification. */
    private Connection secure(SocketChannel channel, Socket socket, URI uri, int port, long deadline) throws IOException {
        SSLContext context = sslContext != null ? sslContext : defaultSsl();
        SSLSocket secure = (SSLSocket) context.getSocketFactory().createSocket(socket, uri.getHost(), port, true);
        SSLParameters parameters = secure.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        secure.setSSLParameters(parameters);
        secure.setSoTimeout((int) remainingMillis(deadline));
        secure.startHandshake();
        return Connection.secure(channel, secure);
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
        return Math.min(left, Integer.MAX_VALUE);
    }

    private static Reply read(Connection connection, String method, long deadline) throws IOException {
        connection.deadline = deadline;
        InputStream in = connection.in;
        Reply reply = new Reply();
        String statusLine;
        while (true) {
            statusLine = line(in, connection);
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
                throw new ProtocolException("Not an HTTP/1.1 status line: " + statusLine);
            }
            reply.status = Integer.parseInt(statusLine.substring(9, 12));
            if (reply.status >= 200 || reply.status == 101) {
                break;
            }
            // An interim answer (100 Continue, 103 Early Hints from a proxy): skip it and its headers.
            while (!line(in, connection).isEmpty()) {
                // interim headers
            }
        }
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
                throw new ProtocolException("Unusable Content-Length " + length);
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
            if (length < 0) {
                throw new ProtocolException("Negative chunk size " + size);
            }
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

    private static final class Reply {
        int status;
        HttpHeaders headers;
        byte[] body;
        boolean keepAlive;
    }

    /**
     * One keep-alive connection. A plain one stays in non-blocking mode with a selector of its own: a
     * call is one write, one wait for the answer and its reads, and the liveness check before reuse is
     * one read. A blocking socket with a read timeout switched the channel's mode twice per read and
     * twice per check (four {@code fcntl} a call beside its {@code poll}), a tenth of the SDK's CPU. A
     * TLS connection belongs to its blocking {@link SSLSocket}.
     */
    private static final class Connection {
        final SocketChannel channel;
        final Socket socket;
        final boolean tls;
        final InputStream in;
        final OutputStream out;
        /** Plain connections only: where the calling thread waits for the channel, bounded by the deadline. */
        private final Selector selector;
        private final SelectionKey key;
        /** The one byte {@link #open()} tries to read; any byte read makes the connection unusable. */
        private final ByteBuffer probe = ByteBuffer.allocate(1);
        /** A request was just sent: its answer cannot be there yet, so the next read waits first. */
        private boolean sent;
        long idleSince;
        long deadline;
        boolean answered;

        private Connection(SocketChannel channel, Socket socket, boolean tls, Selector selector, SelectionKey key)
                throws IOException {
            this.channel = channel;
            this.socket = socket;
            this.tls = tls;
            this.selector = selector;
            this.key = key;
            this.in = new DeadlineInput(this, tls ? socket.getInputStream() : null);
            this.out = tls ? socket.getOutputStream() : null;
        }

        static Connection plain(SocketChannel channel) throws IOException {
            channel.configureBlocking(false);
            Selector selector = Selector.open();
            try {
                return new Connection(channel, channel.socket(), false, selector, channel.register(selector, 0));
            } catch (IOException | RuntimeException e) {
                selector.close();
                throw e;
            }
        }

        static Connection secure(SocketChannel channel, SSLSocket socket) throws IOException {
            return new Connection(channel, socket, true, null, null);
        }

        /** Plain: writes all of {@code message}, waiting while the node does not take it. */
        void send(byte[] message, long deadline) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(message);
            while (buffer.hasRemaining()) {
                interruptible();
                if (channel.write(buffer) == 0) {
                    try {
                        await(SelectionKey.OP_WRITE, deadline);
                    } catch (SocketTimeoutException e) {
                        throw new SocketTimeoutException(NOT_READING);
                    }
                }
            }
            sent = true;
        }

        /** Reads what has arrived into {@code into}, waiting until something has or the deadline; -1 at end of stream. */
        int receive(ByteBuffer into) throws IOException {
            if (sent) {
                sent = false;
                await(SelectionKey.OP_READ, deadline);
            }
            while (true) {
                interruptible();
                int n = channel.read(into);
                if (n != 0) {
                    return n;
                }
                await(SelectionKey.OP_READ, deadline);
            }
        }

        /**
         * A non-blocking channel does not notice an interrupt: end the call as a blocking one would, the
         * connection closed and {@link ClosedByInterruptException} thrown with the interrupt status kept.
         */
        private void interruptible() throws ClosedByInterruptException {
            if (Thread.currentThread().isInterrupted()) {
                close();
                throw new ClosedByInterruptException();
            }
        }

        /**
         * Waits until the channel is ready for {@code ops} or the deadline passes; an interrupt ends the wait.
         */
        private void await(int ops, long deadline) throws IOException {
            try {
                key.interestOps(ops);
                selector.select(remainingMillis(deadline));
                selector.selectedKeys().clear();
            } catch (CancelledKeyException | ClosedSelectorException e) {
                // Closed under the call (the client closing): an I/O failure, as on a closed channel.
                AsynchronousCloseException closed = new AsynchronousCloseException();
                closed.initCause(e);
                throw closed;
            }
            interruptible();
        }

        /**
         * Whether the node still holds the connection open: a non-blocking read of the raw channel
         * that finds nothing. End of stream (the node closed it, e.g. leaving the cluster) or bytes
         * nobody asked for both make it unusable. Under TLS the raw bytes belong to the TLS engine (a
         * late session ticket is not an answer), so only the idle limit applies there.
         */
        boolean open() {
            if (!channel.isOpen() || socket.isClosed()) {
                return false;
            }
            if (tls) {
                return true;
            }
            try {
                probe.clear();
                return channel.read(probe) == 0;
            } catch (IOException e) {
                return false;
            }
        }

        void close() {
            // Each on its own: a selector that fails to close must not keep the socket open.
            quietly(selector);
            quietly(socket);
            quietly(channel);
        }

        private static void quietly(java.io.Closeable closeable) {
            if (closeable == null) {
                return;
            }
            try {
                closeable.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /** Buffered reads, each waiting at most until the call's deadline, so a trickling answer is bounded too. */
    private static final class DeadlineInput extends InputStream {
        private final Connection connection;
        /** The TLS socket's stream; null for a plain connection, read through its channel. */
        private final InputStream raw;
        private final byte[] buffer = new byte[16 * 1024];
        private final ByteBuffer wrapped = ByteBuffer.wrap(buffer);
        private int position;
        private int limit;

        DeadlineInput(Connection connection, InputStream raw) {
            this.connection = connection;
            this.raw = raw;
        }

        private boolean fill() throws IOException {
            int n;
            if (raw == null) {
                wrapped.clear();
                n = connection.receive(wrapped);
            } else {
                connection.socket.setSoTimeout((int) remainingMillis(connection.deadline));
                n = raw.read(buffer, 0, buffer.length);
            }
            if (n <= 0) {
                return false;
            }
            position = 0;
            limit = n;
            return true;
        }
        @Override
        public int read() throws IOException {
            if (position == limit && !fill()) {
                return -1;
            }
            return buffer[position++] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (position == limit && !fill()) {
                return -1;
            }
            int n = Math.min(length, limit - position);
            System.arraycopy(buffer, position, into, offset, n);
            position += n;
            return n;
        }

        @Override
        public int available() {
            return limit - position;
        }
    }
}
