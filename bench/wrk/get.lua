-- wrk script: read one of SESSIONS sessions (created and filled by compare.sh) with its 10 most recent events.
dofile("bench/wrk/common.lua")

function request()
  local s = math.random(0, sessions - 1)
  return wrk.format("GET", "/v1/apps/" .. app .. "/users/u" .. s .. "/sessions/s" .. s .. "?numRecentEvents=10",
    headers({}))
end
