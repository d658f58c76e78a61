package io.sessiongrid.bench.store;

import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sessions in Redis, each operation one Lua script so an append is as atomic as Session Grid's.
 * <p>
 * Layout, with {@code T = {app:user}} a Redis Cluster hash tag so all of one user's keys could share
 * a slot (the app hash cannot; it has its own tag, which a single Redis does not mind):
 * <ul>
 *   <li>{@code sg:T:<id>:s} hash: plain state keys to JSON value text, plus meta fields
 *       {@code _sg_v} (events appended), {@code _sg_ct}/{@code _sg_ut} (create/update time, epoch ms),
 *       {@code _sg_idle} (max idle ms, if any) and {@code _sg_dl} (absolute deadline, epoch ms, if any).
 *       State keys with these five names are reserved.</li>
 *   <li>{@code sg:T:<id>:e} list: event JSON, RPUSHed in append order.</li>
 *   <li>{@code sg:T:<id>:ids} set: event ids seen, for idempotent appends.</li>
 *   <li>{@code sg:T:u} hash: the user's state ({@code user:} prefix removed).</li>
 *   <li>{@code sg:{app}:a} hash: the app's state ({@code app:} prefix removed).</li>
 * </ul>
 * Expiry is Redis key expiry on the three session keys: the expire-at is now + max idle (refreshed by
 * append and by a touching read) capped by the absolute deadline, so sliding never outlives it.
 * Times come from the server's clock ({@code TIME}), so clients' clocks do not matter.
 * App, user and session ids must not contain {@code :}, <code>{</code> or <code>}</code> (the bench's
 * ids never do); otherwise two users' keys could collide.
 */
public final class RedisStore implements SessionStore {

    /** Shared by the scripts: the expire-at for a touch at {@code now}, or nil when nothing expires. */
    private static final String EXPIRE_AT = """
            local function expireAt(idle, dl, now)
              if idle then
                local at = now + tonumber(idle)
                if dl and tonumber(dl) < at then return tonumber(dl) end
                return at
              end
              if dl then return tonumber(dl) end
              return nil
            end
            local function nowMs()
              local t = redis.call('TIME')
              return t[1] * 1000 + math.floor(t[2] / 1000)
            end
            """;

    /** KEYS: s, e, ids. ARGV: ttl ms, idle ms, then state key/value pairs. Returns 1, or 0 if it exists. */
    private static final String CREATE = EXPIRE_AT + """
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            -- Keys expire one by one: drop what an expired namesake may have left, or its ids would
            -- make this session's appends look like duplicates.
            redis.call('DEL', KEYS[2], KEYS[3])
            local now = nowMs()
            local ttl, idle = tonumber(ARGV[1]), tonumber(ARGV[2])
            local meta = {'_sg_v', 0, '_sg_ct', now, '_sg_ut', now}
            local dl, idleArg
            if ttl > 0 then dl = now + ttl; meta[#meta + 1] = '_sg_dl'; meta[#meta + 1] = dl end
            if idle > 0 then idleArg = idle; meta[#meta + 1] = '_sg_idle'; meta[#meta + 1] = idle end
            redis.call('HSET', KEYS[1], unpack(meta))
            -- Chunks of 100 pairs: unpack of a huge state would overflow Lua's C stack.
            for i = 3, #ARGV, 200 do
              redis.call('HSET', KEYS[1], unpack(ARGV, i, math.min(i + 199, #ARGV)))
            end
            local at = expireAt(idleArg, dl, now)
            if at then redis.call('PEXPIREAT', KEYS[1], at) end
            return 1
            """;

    /**
     * KEYS: s, e, ids, u, a. ARGV: event id, event JSON, counts of session/user/app delta pairs, then
     * the pairs in that order (flat, so Lua does no JSON work). Returns 1, 0 for a duplicate, -1 if absent.
     */
    private static final String APPEND = EXPIRE_AT + """
            local m = redis.call('HMGET', KEYS[1], '_sg_v', '_sg_idle', '_sg_dl')
            if not m[1] then return -1 end
            if redis.call('SADD', KEYS[3], ARGV[1]) == 0 then return 0 end
            redis.call('RPUSH', KEYS[2], ARGV[2])
            local now = nowMs()
            local i = 6
            local function hset(key, pairs)
              local last = i + 2 * pairs - 1
              while i <= last do
                local j = math.min(i + 199, last)
                redis.call('HSET', key, unpack(ARGV, i, j))
                i = j + 1
              end
            end
            hset(KEYS[1], tonumber(ARGV[3]))
            redis.call('HINCRBY', KEYS[1], '_sg_v', 1)
            redis.call('HSET', KEYS[1], '_sg_ut', now)
            hset(KEYS[4], tonumber(ARGV[4]))
            hset(KEYS[5], tonumber(ARGV[5]))
            -- Also gives the event list and id set, born on the first append, the session's expiry.
            local at = expireAt(m[2], m[3], now)
            if at then
              for k = 1, 3 do redis.call('PEXPIREAT', KEYS[k], at) end
            end
            return 1
            """;

    /**
     * KEYS: s, e, ids, u, a. ARGV: recent events, touch (1/0). Returns nil if absent, else
     * {session state pairs without meta, last events, user pairs, app pairs}.
     */
    private static final String GET = EXPIRE_AT + """
            local h = redis.call('HGETALL', KEYS[1])
            if #h == 0 then return false end
            local meta = {_sg_v = true, _sg_ct = true, _sg_ut = true, _sg_idle = true, _sg_dl = true}
            local state, idle, dl = {}, nil, nil
            for i = 1, #h, 2 do
              local k = h[i]
              if meta[k] then
                if k == '_sg_idle' then idle = h[i + 1] elseif k == '_sg_dl' then dl = h[i + 1] end
              else
                state[#state + 1] = k
                state[#state + 1] = h[i + 1]
              end
            end
            local n = tonumber(ARGV[1])
            local events = {}
            if n > 0 then events = redis.call('LRANGE', KEYS[2], -n, -1) end
            -- Only sliding expiry needs refreshing; an absolute deadline is already set.
            if ARGV[2] == '1' and idle then
              local at = expireAt(idle, dl, nowMs())
              for k = 1, 3 do redis.call('PEXPIREAT', KEYS[k], at) end
            end
            return {state, events, redis.call('HGETALL', KEYS[4]), redis.call('HGETALL', KEYS[5])}
            """;

    private final RedisClient redis;
    private final Script create;
    private final Script append;
    private final Script get;

    public RedisStore(String host, int port, int poolSize) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        pool.setMinIdle(poolSize);
        // Several stores may live in one JVM (tests, comparisons); their MBean names would clash.
        pool.setJmxEnabled(false);
        this.redis = RedisClient.builder().hostAndPort(host, port).poolConfig(pool).build();
        try {
            this.create = new Script(CREATE);
            this.append = new Script(APPEND);
            this.get = new Script(GET);
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public void reset() {
        // Never FLUSHALL: the Redis may hold other people's data.
        ScanParams params = new ScanParams().match("sg:*").count(1000);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, params);
            if (!page.getResult().isEmpty()) {
                redis.unlink(page.getResult().toArray(String[]::new));
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    }

    @Override
    public void create(SessionRef ref, Map<String, String> state, Duration ttl, Duration maxIdle) {
        List<String> args = new ArrayList<>(2 + 2 * state.size());
        args.add(Long.toString(ttl.toMillis()));
        args.add(Long.toString(maxIdle.toMillis()));
        addPairs(args, state);
        Object created = create.run(keys(ref).subList(0, 3), args);
        if (((Long) created) == 0L) {
            throw new IllegalStateException("exists");
        }
    }

    @Override
    public void append(SessionRef ref, BenchEvent event) {
        List<String> args = new ArrayList<>(5 + 2 * (event.sessionDelta().size() + event.userDelta().size()
                + event.appDelta().size()));
        args.add(event.id());
        args.add(event.json());
        args.add(Integer.toString(event.sessionDelta().size()));
        args.add(Integer.toString(event.userDelta().size()));
        args.add(Integer.toString(event.appDelta().size()));
        addPairs(args, event.sessionDelta());
        addPairs(args, event.userDelta());
        addPairs(args, event.appDelta());
        Object result = append.run(keys(ref), args);
        if (((Long) result) < 0L) {
            throw new IllegalStateException("not found");
        }
    }

    @Override
    public SessionView get(SessionRef ref, int recentEvents, boolean touch) {
        Object result = get.run(keys(ref), List.of(Integer.toString(recentEvents), touch ? "1" : "0"));
        if (result == null) {
            return SessionView.ABSENT;
        }
        List<?> parts = (List<?>) result;
        // Layers are separate hashes, so their keys (re-prefixed user:/app:) never collide: just add.
        int stateKeys = (((List<?>) parts.get(0)).size() + ((List<?>) parts.get(2)).size()
                + ((List<?>) parts.get(3)).size()) / 2;
        return new SessionView(true, ((List<?>) parts.get(1)).size(), stateKeys);
    }

    @Override
    public void delete(SessionRef ref) {
        // User and app state outlive the session, as in ADK.
        String prefix = tag(ref) + ref.id();
        redis.del(prefix + ":s", prefix + ":e", prefix + ":ids");
    }

    @Override
    public void close() {
        redis.close();
    }

    private static String tag(SessionRef ref) {
        return "sg:{" + ref.app() + ":" + ref.user() + "}:";
    }

    /** Session hash, events, ids, user hash, app hash; package-private so tests can check what expired. */
    static List<String> keys(SessionRef ref) {
        String tag = tag(ref);
        String prefix = tag + ref.id();
        return List.of(prefix + ":s", prefix + ":e", prefix + ":ids", tag + "u", "sg:{" + ref.app() + "}:a");
    }

    private static void addPairs(List<String> args, Map<String, String> pairs) {
        for (Map.Entry<String, String> e : pairs.entrySet()) {
            args.add(e.getKey());
            args.add(e.getValue());
        }
    }

    /** A script loaded once; EVALSHA, falling back to EVAL (which caches it again) after a restart or SCRIPT FLUSH. */
    private final class Script {
        private final String source;
        private final String sha;

        Script(String source) {
            this.source = source;
            this.sha = redis.scriptLoad(source);
        }

        Object run(List<String> keys, List<String> args) {
            try {
                return redis.evalsha(sha, keys, args);
            } catch (JedisNoScriptException e) {
                return redis.eval(source, keys, args);
            }
        }
    }
}
