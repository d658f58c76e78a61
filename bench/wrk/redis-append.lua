-- The Redis side of compare.sh: one atomic append as the bench's RedisStore does it, with keys
-- built from ARGV so redis-benchmark can pick the session at random. ARGV: session number, event
-- id, event JSON, step. Returns 1, 0 for a duplicate id, -1 for an absent session.
local s = 'sg:' .. tonumber(ARGV[1])
local m = redis.call('HMGET', s .. ':s', '_sg_v', '_sg_idle', '_sg_dl')
if not m[1] then return -1 end
if redis.call('SADD', s .. ':ids', ARGV[2]) == 0 then return 0 end
redis.call('RPUSH', s .. ':e', ARGV[3])
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
redis.call('HSET', s .. ':s', 'step', ARGV[4])
redis.call('HSET', 'sg:u' .. tonumber(ARGV[1]), 'lang', '"en"')
redis.call('HSET', 'sg:app', 'model', '"v1"')
redis.call('HINCRBY', s .. ':s', '_sg_v', 1)
redis.call('HSET', s .. ':s', '_sg_ut', now)
return 1
