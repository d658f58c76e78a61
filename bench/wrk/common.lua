-- Shared by the wrk scripts (loaded from the repository root, where compare.sh runs wrk): the
-- sessions and app compare.sh created, and each request's headers.
sessions = tonumber(os.getenv("SESSIONS") or "1000")
app = os.getenv("APP") or "bench-wrk"
local token = os.getenv("TOKEN")

-- The request's headers, with the API token when compare.sh runs the node with access control on.
function headers(h)
  if token then h["Authorization"] = "Bearer " .. token end
  return h
end

-- Seeds each thread from /dev/urandom: runs started within the same second (a warm-up and the
-- measured run) must not repeat each other's ids.
function init(args)
  local f = io.open("/dev/urandom", "rb")
  local b = f:read(4)
  f:close()
  math.randomseed(b:byte(1) * 16777216 + b:byte(2) * 65536 + b:byte(3) * 256 + b:byte(4))
  run = math.random(0, 2147483646)
end
