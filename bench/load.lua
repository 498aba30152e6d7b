-- wrk script for bench/load.sh: cycles through the paths in PATHS (space-separated) and
-- times every response by its status, so the latency of accepted requests (200/304) is
-- reported apart from the quick 503s of a full queue (wrk's own percentiles mix them).
-- Run with as many threads as connections: one connection per thread pairs each response
-- with the request before it.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } load_timespec;
  int clock_gettime(int clock, load_timespec *ts);
]]
local ts = ffi.new("load_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local threads = {}
function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

local paths, i, started = {}, 0, 0
accepted, statuses = {}, {}
function init(args)
  for p in string.gmatch(os.getenv("PATHS") or "/", "%S+") do paths[#paths + 1] = p end
  i = id % #paths -- threads start at different operations
end

function request()
  i = i % #paths + 1
  started = now_ms()
  return wrk.format("GET", paths[i])
end

-- With LOAD_RETRY_AFTER=1 a connection that got a 503 waits what its Retry-After says
-- before the next request, as a well-behaved client (or CDN) does; without it wrk retries
-- at once and the 503s themselves take the CPU.
local honour = os.getenv("LOAD_RETRY_AFTER") == "1"
local wait_ms = 0
function delay()
  local ms = wait_ms
  wait_ms = 0
  return ms
end

function response(status, headers, body)
  if honour and status == 503 then
    wait_ms = (tonumber(headers["Retry-After"] or headers["retry-after"]) or 1) * 1000
  end
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  if status == 200 or status == 304 then accepted[#accepted + 1] = now_ms() - started end
end

local function percentile(sorted, p)
  if #sorted == 0 then return 0 end
  return sorted[math.max(1, math.ceil(#sorted * p))]
end

function done(summary, latency, requests)
  local all, counts = {}, {}
  for _, t in ipairs(threads) do
    for _, ms in ipairs(t:get("accepted")) do all[#all + 1] = ms end
    for status, n in pairs(t:get("statuses")) do counts[status] = (counts[status] or 0) + n end
  end
  table.sort(all)
  local total = 0
  for _, n in pairs(counts) do total = total + n end
  local others = total - #all - (counts["503"] or 0)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT total=%d seconds=%.2f rps=%.1f ok_rps=%.1f p50=%.1f p99=%.1f max=%.1f share503=%.3f other=%d socket_errors=%d\n",
    total, seconds, total / seconds, #all / seconds, percentile(all, 0.5), percentile(all, 0.99),
    percentile(all, 1.0), total > 0 and (counts["503"] or 0) / total or 0, others,
    e.connect + e.read + e.write + e.timeout))
end
