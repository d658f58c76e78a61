-- wrk script: the append of append.lua with only a plain key in the delta (no user:, no app:).
shared_keys = ''
dofile("bench/wrk/append.lua")
