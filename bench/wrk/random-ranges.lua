-- wrk script: every request asks for a random 1 MiB range of a file of FILE_SIZE bytes (env), and counts answers that are not 206.
local size = tonumber(os.getenv("FILE_SIZE"))
local span = 1048576
local bad = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
  not206 = 0
end

function request()
  local first = math.random(0, size - span)
  return wrk.format("GET", nil, { ["Range"] = "bytes=" .. first .. "-" .. (first + span - 1) })
end

function response(status, headers, body)
  if status ~= 206 then
    not206 = not206 + 1
  end
end

function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("not206")
  end
  io.write(string.format("not206: %d\n", bad))
end
