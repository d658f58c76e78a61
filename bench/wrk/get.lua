-- wrk script: read one of SESSIONS sessions (created and filled by compare.sh) with its 10 most recent events.
local sessions = tonumber(os.getenv("SESSIONS") or "1000")
local app = os.getenv("APP") or "bench-wrk"
local token = os.getenv("TOKEN")

-- The request's headers, with the API token when compare.sh runs the node with access control on.
local function headers(h)
  if token then h["Authorization"] = "Bearer " .. token end
  return h
end

function request()
  local s = math.random(0, sessions - 1)
  return wrk.format("GET", "/v1/apps/" .. app .. "/users/u" .. s .. "/sessions/s" .. s .. "?numRecentEvents=10",
    headers({}))
end
