-- Argo CD health check for headroom.dev/LoadTest (Lua 5.1, as Argo CD runs it).
-- Healthy: the run succeeded with verdict Pass. Degraded: verdict Fail, or the run Failed or was
-- Cancelled. Progressing: not run yet, or a run (of the current spec) under way.
local hs = {}
local s = obj.status
if s == nil or s.phase == nil then
  hs.status = "Progressing"
  hs.message = "waiting for the operator to take the LoadTest up"
  return hs
end
local generation = obj.metadata and obj.metadata.generation
if generation ~= nil and (s.observedGeneration == nil or s.observedGeneration < generation) then
  hs.status = "Progressing"
  hs.message = "the spec changed: a run of generation " .. generation .. " is on its way"
  return hs
end
if s.phase == "Pending" or s.phase == "Starting" or s.phase == "Running" then
  hs.status = "Progressing"
elseif s.phase == "Succeeded" and s.verdict == "Pass" then
  hs.status = "Healthy"
elseif s.phase == "Succeeded" or s.phase == "Failed" or s.phase == "Cancelled" then
  hs.status = "Degraded"
else
  hs.status = "Unknown"
end
hs.message = s.message
return hs
