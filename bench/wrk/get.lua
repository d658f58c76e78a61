-- wrk script: read one of SESSIONS sessions (created and filled by compare.sh) with its 10 most recent events.
local sessions = tonumber(os.getenv("SESSIONS") or "1000")
local app = os.getenv("APP") or "bench-wrk"

function request()
  local s = math.random(0, sessions - 1)
  return wrk.format("GET", "/v1/apps/" .. app .. "/users/u" .. s .. "/sessions/s" .. s .. "?numRecentEvents=10")
end
