-- wrk script for every Sidedesk workload: it replays the requests of a targets file, one per line,
--   METHOD <TAB> PATH <TAB> AUTHORIZATION (may be empty) <TAB> BODY (may be empty)
-- each thread starting at its own place and walking the file round robin, so load is spread over every
-- target. Env: BENCH_TARGETS (the file), BENCH_RESULT (JSON written by done()), BENCH_LIMIT (optional:
-- each thread stops after that many responses, for the latency runs of W4).
--
-- Only 2xx responses count as served; wrk's own summary counts everything below 400 as success.

local threads = {}
local counter = 1

function setup(thread)
   thread:set("id", counter)
   counter = counter + 1
   table.insert(threads, thread)
end

local function split(line)
   local fields = {}
   for field in (line .. "\t"):gmatch("([^\t]*)\t") do
      table.insert(fields, field)
   end
   return fields
end

function init(args)
   requests = {}
   local path = os.getenv("BENCH_TARGETS")
   for line in io.lines(path) do
      if line ~= "" then
         local f = split(line)
         local headers = { ["Accept"] = "application/json" }
         if f[3] ~= "" then
            headers["Authorization"] = f[3]
         end
         local body = f[4]
         if body == "" then
            body = nil
         else
            headers["Content-Type"] = "application/json"
         end
         table.insert(requests, wrk.format(f[1], f[2], headers, body))
      end
   end
   -- Spread the threads' starting points over the file.
   index = ((id - 1) * math.floor(#requests / 7 + 1)) % #requests
   ok = 0
   non2xx = 0
   limit = tonumber(os.getenv("BENCH_LIMIT") or "0")
end

function request()
   index = index % #requests + 1
   return requests[index]
end

function response(status, headers, body)
   if status >= 200 and status < 300 then
      ok = ok + 1
   else
      non2xx = non2xx + 1
      if non2xx <= 3 then
         io.stderr:write(string.format("non-2xx %d: %s\n", status, string.sub(body or "", 1, 300)))
      end
   end
   if limit > 0 and ok + non2xx >= limit then
      wrk.thread:stop()
   end
end

function done(summary, latency, requests)
   local ok_total, non2xx_total = 0, 0
   for _, thread in ipairs(threads) do
      ok_total = ok_total + (thread:get("ok") or 0)
      non2xx_total = non2xx_total + (thread:get("non2xx") or 0)
   end
   local e = summary.errors
   local out = io.open(os.getenv("BENCH_RESULT"), "w")
   out:write(string.format(
      '{"duration_us": %d, "requests": %d, "ok_2xx": %d, "non_2xx": %d, ' ..
      '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
      '"latency_us": {"mean": %.1f, "p50": %d, "p90": %d, "p99": %d, "max": %d}}\n',
      summary.duration, summary.requests, ok_total, non2xx_total,
      e.connect, e.read, e.write, e.status, e.timeout,
      latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
   out:close()
end
