-- wrk script: POST a ~500-byte ADK-style event with a three-layer state delta (plain, user:, app:)
-- to one of SESSIONS sessions (created beforehand by compare.sh), a fresh event id each time.
local sessions = tonumber(os.getenv("SESSIONS") or "1000")
local app = os.getenv("APP") or "bench-wrk"
local token = os.getenv("TOKEN")

-- The request's headers, with the API token when compare.sh runs the node with access control on.
local function headers(h)
  if token then h["Authorization"] = "Bearer " .. token end
  return h
end
local counter = 0
local thread_id = 0
local text = string.rep("The assistant looked up the order and asked which address to use. ", 4)

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function init(args)
  math.randomseed(os.time() + (tid or 0) * 7919)
end

function request()
  counter = counter + 1
  local s = math.random(0, sessions - 1)
  local body = '{"id":"e-' .. (tid or 0) .. '-' .. counter .. '","invocationId":"inv-' .. counter
    .. '","author":"agent","timestamp":' .. string.format("%.3f", os.time())
    .. ',"content":{"role":"model","parts":[{"text":"' .. text .. '"}]}'
    .. ',"actions":{"stateDelta":{"step":' .. counter .. ',"user:lang":"en","app:model":"v1"}}}'
  return wrk.format("POST", "/v1/apps/" .. app .. "/users/u" .. s .. "/sessions/s" .. s .. "/events",
    headers({["Content-Type"] = "application/json"}), body)
end
