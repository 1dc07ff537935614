// The 25 steps as the detail page and the record dialog use them: the timeline of a person's
// path by stage, what a step's form asks, the request body, and whether the server asked for a
// reason. Pure functions over the API's JSON (GET /api/v1/development/steps and the detail).

/**
 * The timeline: one entry per stage (1-5) holding its steps in order, each with the records of
 * that step (active first, then void), the violations on them and whether it is due.
 * `steps` is the catalogue's items, `detail` the person's detail.
 */
export function timeline(steps, detail) {
  const records = detail?.records || []
  const due = new Map((detail?.next_due || []).map((d) => [d.step, d]))
  const stages = []
  for (const s of steps || []) {
    let stage = stages.find((x) => x.stage === s.stage)
    if (!stage) {
      stage = { stage: s.stage, title: s.stage_title, steps: [] }
      stages.push(stage)
    }
    const own = records
      .filter((r) => r.step === s.number)
      .sort((a, b) => (a.state === b.state ? (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id) : a.state === 'active' ? -1 : 1))
    const active = own.filter((r) => r.state === 'active')
    stage.steps.push({
      ...s,
      records: own,
      done: active.length > 0,
      violations: active.flatMap((r) => r.violations || []),
      due: due.get(s.number) || null,
    })
  }
  stages.sort((a, b) => a.stage - b.stage)
  return stages
}

/** The step a person's next record most likely is: the first step after the last recorded one. */
export function nextStep(detail) {
  const last = detail?.last_step || 0
  return Math.min(last + 1, 25)
}

/** Which parts of the record form a step shows. */
export function fieldsOf(step) {
  if (!step) return { people: false, training: false, vote: false, conclusion: false, extension: false }
  return {
    people: !!step.people_role,
    training: !!step.training,
    vote: !!step.vote,
    conclusion: !!step.conclusion,
    extension: !!step.extension,
  }
}

/** An empty form for `step`, or the form of `record` (a correction). */
export function recordForm(step, record = null) {
  const r = record || {}
  return {
    step: step?.number ?? r.step ?? 1,
    date: r.date || '',
    unit_id: r.unit_id ?? null,
    member_ids: (r.people || []).filter((p) => p.member_id).map((p) => p.member_id),
    names: (r.people || []).filter((p) => !p.member_id).map((p) => p.name),
    documents: [...(r.documents || [])],
    conclusion: r.conclusion || '',
    training_days: r.training_days || 0,
    training_hours: r.training_hours || 0,
    voting: r.voting || 0,
    present: r.present || 0,
    in_favour: r.in_favour || 0,
    extension_months: r.extension_months || 0,
    reason: r.reason || '',
    change_reason: '',
  }
}

/** The request body of a record form: only what the step records. */
export function recordBody(form, step) {
  const f = fieldsOf(step)
  const body = { step: form.step, date: form.date }
  if (form.unit_id) body.unit_id = form.unit_id
  if (f.people) body.people = [...form.member_ids.map((id) => ({ member_id: id })), ...form.names.filter((n) => n && n.trim()).map((n) => ({ name: n.trim() }))]
  if (form.documents.length) body.documents = form.documents
  if (f.conclusion && form.conclusion.trim()) body.conclusion = form.conclusion.trim()
  if (f.training) Object.assign(body, { training_days: form.training_days, training_hours: form.training_hours })
  if (f.vote) Object.assign(body, { voting: form.voting, present: form.present, in_favour: form.in_favour })
  if (f.extension && form.extension_months) body.extension_months = form.extension_months
  if (form.reason.trim()) body.reason = form.reason.trim()
  return body
}

/** The messages of a refused save that a reason would answer (errors on `reason`). */
export function reasonAsked(err) {
  return (err?.errors || []).filter((e) => e.field === 'reason').map((e) => e.message)
}

/** A violation in one line: 第2步「党组织派人谈话」: message. */
export function violationText(v) {
  return `第${v.step}步「${v.step_title}」：${v.message}`
}
