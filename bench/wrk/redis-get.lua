-- The Redis side of compare.sh's get: the session hash, its 10 newest events and the user and app
-- hashes, as the bench's RedisStore reads a session. ARGV: session number.
local s = 'sg:' .. tonumber(ARGV[1])
local h = redis.call('HGETALL', s .. ':s')
if #h == 0 then return nil end
return {h, redis.call('LRANGE', s .. ':e', -10, -1), redis.call('HGETALL', 'sg:u' .. tonumber(ARGV[1])),
  redis.call('HGETALL', 'sg:app')}
