-- wrk script: create a new session (fresh id) with a small three-layer initial state, for one of
-- SESSIONS users.
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

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function request()
  counter = counter + 1
  local u = math.random(0, sessions - 1)
  local body = '{"sessionId":"c-' .. (tid or 0) .. '-' .. counter .. '-' .. os.time()
    .. '","state":{"step":0,"user:lang":"en","app:model":"v1"}}'
  return wrk.format("POST", "/v1/apps/" .. app .. "/users/u" .. u .. "/sessions",
    headers({["Content-Type"] = "application/json"}), body)
end
