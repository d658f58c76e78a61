-- wrk script: create a new session (fresh id) with a small three-layer initial state, for one of
-- SESSIONS users.
dofile("bench/wrk/common.lua")
local counter = 0

function request()
  counter = counter + 1
  local u = math.random(0, sessions - 1)
  local body = '{"sessionId":"c-' .. run .. '-' .. counter
    .. '","state":{"step":0,"user:lang":"en","app:model":"v1"}}'
  return wrk.format("POST", "/v1/apps/" .. app .. "/users/u" .. u .. "/sessions",
    headers({["Content-Type"] = "application/json"}), body)
end
