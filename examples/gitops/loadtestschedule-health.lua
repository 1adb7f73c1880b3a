-- Argo CD health check for headroom.dev/LoadTestSchedule (Lua 5.1, as Argo CD runs it).
-- Suspended: spec.suspend. Degraded: the schedule is invalid, its latest run regressed, or its
-- last verdict is Fail (the newest finished run got verdict Fail, Failed or was Cancelled).
-- Progressing: not taken up yet, a run under way (even after a failed one), or no run yet.
-- Healthy otherwise.
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
if s.active ~= nil and #s.active > 0 then
  -- A run just created has no phase yet: an older failure must not speak for it.
  hs.status = "Progressing"
  hs.message = "running " .. table.concat(s.active, ", ")
  return hs
end
if s.lastVerdict == "Fail" then
  -- The operator's judgement of the newest finished run; its history line, when still kept, says
  -- how it failed. Skipped firings have no phase.
  hs.status = "Degraded"
  hs.message = "last verdict Fail"
  for _, run in ipairs(s.history or {}) do
    if run.phase == "Failed" or run.phase == "Cancelled" or run.phase == "Succeeded" then
      if run.phase == "Failed" then
        hs.message = run.loadTest .. " Failed"
      elseif run.phase == "Cancelled" then
        hs.message = run.loadTest .. " was Cancelled"
      elseif run.verdict == "Fail" then
        hs.message = run.loadTest .. " got verdict Fail"
      end
      break
    end
  end
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
