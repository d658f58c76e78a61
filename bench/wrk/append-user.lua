-- wrk script: the append of append.lua with a plain and a user: key in the delta (no app:).
shared_keys = ',"user:lang":"en"'
dofile("bench/wrk/append.lua")
