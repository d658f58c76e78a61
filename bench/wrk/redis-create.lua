-- The Redis side of compare.sh's create: refuse an existing id, else the session hash with its meta
-- fields and initial state, the user and app state. ARGV: user number, session id.
local s = 'sg:c:' .. ARGV[2]
if redis.call('EXISTS', s .. ':s') == 1 then return 0 end
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
redis.call('HSET', s .. ':s', '_sg_v', 0, '_sg_ct', now, '_sg_ut', now, 'step', '0')
redis.call('HSET', 'sg:u' .. tonumber(ARGV[1]), 'lang', '"en"')
redis.call('HSET', 'sg:app', 'model', '"v1"')
return 1
