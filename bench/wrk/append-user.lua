-- wrk script: POST a ~500-byte ADK-style event whose state delta has a plain and a user: key (no app:)
-- to one of SESSIONS sessions (created beforehand by compare.sh), a fresh event id each time.
dofile("bench/wrk/common.lua")
local counter = 0
local text = string.rep("The assistant looked up the order and asked which address to use. ", 4)

function request()
  counter = counter + 1
  local s = math.random(0, sessions - 1)
  local body = '{"id":"e-' .. run .. '-' .. counter .. '","invocationId":"inv-' .. counter
    .. '","author":"agent","timestamp":' .. string.format("%.3f", os.time())
    .. ',"content":{"role":"model","parts":[{"text":"' .. text .. '"}]}'
    .. ',"actions":{"stateDelta":{"step":' .. counter .. ',"user:lang":"en"}}}'
  return wrk.format("POST", "/v1/apps/" .. app .. "/users/u" .. s .. "/sessions/s" .. s .. "/events",
    headers({["Content-Type"] = "application/json"}), body)
end
