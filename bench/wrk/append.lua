-- wrk script: POST a ~500-byte ADK-style event with a three-layer state delta (plain, user:, app:)
-- to one of SESSIONS sessions (created beforehand by compare.sh), a fresh event id each time.
-- A script that sets shared_keys first (append-user.lua, append-plain.lua) changes the delta's
-- user:/app: part.
dofile("bench/wrk/common.lua")
local shared = shared_keys or ',"user:lang":"en","app:model":"v1"'
local counter = 0
local text = string.rep("The assistant looked up the order and asked which address to use. ", 4)

function request()
  counter = counter + 1
  local s = math.random(0, sessions - 1)
  local body = '{"id":"e-' .. run .. '-' .. counter .. '","invocationId":"inv-' .. counter
    .. '","author":"agent","timestamp":' .. string.format("%.3f", os.time())
    .. ',"content":{"role":"model","parts":[{"text":"' .. text .. '"}]}'
    .. ',"actions":{"stateDelta":{"step":' .. counter .. shared .. '}}}'
  return wrk.format("POST", "/v1/apps/" .. app .. "/users/u" .. s .. "/sessions/s" .. s .. "/events",
    headers({["Content-Type"] = "application/json"}), body)
end
