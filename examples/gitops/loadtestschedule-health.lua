-- Argo CD health check for headroom.dev/LoadTestSchedule (Lua 5.1, as Argo CD runs it).
-- Suspended: spec.suspend. Degraded: the schedule is invalid, its latest run regressed, or the
-- newest run in its history Failed or got verdict Fail. Progressing: not taken up yet, a run
-- under way, or no run yet. Healthy otherwise.
local hs = {}
local s = obj.status
if obj.spec ~= nil and obj.spec.suspend == true then
  hs.status = "Suspended"
  hs.message = "suspended: no runs until spec.suspend is false"
  if s ~= nil and s.lastVerdict ~= nil then
    hs.message = hs.message .. "; last verdict " .. s.lastVerdict
  end
  return hs
end
if s == nil then
  hs.status = "Progressing"
  hs.message = "waiting for the operator to take the schedule up"
  return hs
end
local generation = obj.metadata and obj.metadata.generation
if generation ~= nil and (s.observedGeneration == nil or s.observedGeneration < generation) then
  -- The conditions below still judge the spec before the edit.
  hs.status = "Progressing"
  hs.message = "the spec changed: generation " .. generation .. " is on its way to the operator"
  return hs
end
if s.conditions ~= nil then
  for _, c in ipairs(s.conditions) do
    if c.type == "Valid" and c.status == "False" then
      hs.status = "Degraded"
      hs.message = "invalid: " .. (c.message or "see status.conditions")
      return hs
    end
  end
  for _, c in ipairs(s.conditions) do
    if c.type == "Regressed" and c.status == "True" then
      hs.status = "Degraded"
      hs.message = "regressed: " .. (c.message or "see the latest run's status.regression")
      return hs
    end
  end
end
if s.history ~= nil then
  -- Newest first; a skipped firing has no phase and says nothing about the target.
  for _, run in ipairs(s.history) do
    if run.phase ~= nil then
      if run.phase == "Failed" then
        hs.status = "Degraded"
        hs.message = (run.loadTest or "the latest run") .. " Failed"
        return hs
      end
      if run.verdict == "Fail" then
        hs.status = "Degraded"
        hs.message = (run.loadTest or "the latest run") .. " got verdict Fail"
        return hs
      end
      break
    end
  end
end
if s.active ~= nil and #s.active > 0 then
  hs.status = "Progressing"
  hs.message = "running " .. table.concat(s.active, ", ")
  return hs
end
if s.lastScheduleTime == nil then
  hs.status = "Progressing"
  hs.message = "no run yet"
  if s.nextScheduleTime ~= nil then
    hs.message = "no run yet; the first at " .. s.nextScheduleTime
  end
  return hs
end
hs.status = "Healthy"
hs.message = "last verdict " .. (s.lastVerdict or "none yet")
if s.nextScheduleTime ~= nil then
  hs.message = hs.message .. "; next run at " .. s.nextScheduleTime
end
return hs
