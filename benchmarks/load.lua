-- wrk script for benchmarks/load.sh: sends GET with "Authorization: Bearer <token>", cycling through the tokens of
-- the file named by $TOKENS_FILE (one a line: 1 token = the cached scenario, 10,000 = the rotating one), each thread
-- starting at its own offset, and counts every answer that is not 200 (wrk itself only counts non-2xx/3xx).
-- Usage: TOKENS_FILE=tokens.txt wrk -t2 -c64 -d20s --latency -s benchmarks/load.lua http://127.0.0.1:PORT/api/users

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  tokens = {}
  local path = os.getenv("TOKENS_FILE")
  if path == nil then
    error("TOKENS_FILE is not set")
  end
  for line in io.lines(path) do
    if #line > 0 then
      tokens[#tokens + 1] = "Bearer " .. line
    end
  end
  if #tokens == 0 then
    error("no token in " .. path)
  end
  index = (id * 7919) % #tokens
  non200 = 0
  headers = {}
end

function request()
  index = index % #tokens + 1
  headers["Authorization"] = tokens[index]
  return wrk.format(nil, nil, headers)
end

function response(status, hdrs, body)
  if status ~= 200 then
    non200 = non200 + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + (tonumber(thread:get("non200")) or 0)
  end
  io.write(string.format("NON200 %d\n", total))
end
