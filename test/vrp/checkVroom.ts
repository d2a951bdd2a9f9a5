/**
 * Independent checker of a solution in VROOM's output format against the raw VROOM input (docs/API.md
 * of VROOM v1.14), written from the format's description with nothing from src/core: every task
 * once (in a route or unassigned), shipments picked up before they are delivered on the same
 * route, loads after each step within capacity, arrival = previous departure + travel time,
 * setup only on arriving at a new place, service start inside the task's window, the vehicle's
 * window, and costs (fixed + travel cost by durations × per_hour / 3600, or the costs matrix).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export interface VroomCheck {
  readonly ok: boolean;
  readonly errors: string[];
  readonly cost: number;
}

export function checkVroom(input: any, output: any): VroomCheck {
  const errors: string[] = [];
  const err = (m: string) => errors.length < 20 && errors.push(m);
  const vehicles = new Map<number, any>((input.vehicles ?? []).map((v: any) => [v.id, v]));
  const tasks = new Map<string, any>();
  for (const j of input.jobs ?? []) tasks.set(`job:${j.id}`, { ...j, kind: 'job' });
  for (const s of input.shipments ?? []) {
    tasks.set(`pickup:${s.pickup.id}`, { ...s.pickup, kind: 'pickup', amount: s.amount, partner: `delivery:${s.delivery.id}` });
    tasks.set(`delivery:${s.delivery.id}`, { ...s.delivery, kind: 'delivery', amount: s.amount, partner: `pickup:${s.pickup.id}` });
  }
  const profile = input.vehicles?.[0]?.profile ?? 'car';
  const m = input.matrices?.[profile];
  const index = (x: any, key: 'location' | 'start' | 'end') => (key === 'location' ? x.location_index : x[`${key}_index`]);
  const coord = (x: any, key: 'location' | 'start' | 'end') => x[key];
  const travel = (a: any, ak: any, b: any, bk: any, matrix = m?.durations) => {
    if (m) return matrix[index(a, ak)][index(b, bk)];
    const p = coord(a, ak);
    const q = coord(b, bk);
    return Math.round(Math.hypot(p[0] - q[0], p[1] - q[1]));
  };
  const seen = new Map<string, number>();
  const count = (k: string) => seen.set(k, (seen.get(k) ?? 0) + 1);
  for (const u of output.unassigned ?? []) count(`${u.type}:${u.id}`);
  const usedVehicles = new Set<number>();
  let total = 0;
  for (const [ri, r] of (output.routes ?? []).entries()) {
    const v = vehicles.get(r.vehicle);
    if (!v) {
      err(`route ${ri}: unknown vehicle ${r.vehicle}`);
      continue;
    }
    if (usedVehicles.has(v.id)) err(`vehicle ${v.id} has two routes`);
    usedVehicles.add(v.id);
    const steps: any[] = r.steps;
    const hasStart = v.start !== undefined || v.start_index !== undefined;
    const hasEnd = v.end !== undefined || v.end_index !== undefined;
    if (hasStart !== (steps[0]?.type === 'start')) err(`route ${ri}: start step ${hasStart ? 'missing' : 'unexpected'}`);
    if (hasEnd !== (steps[steps.length - 1]?.type === 'end')) err(`route ${ri}: end step ${hasEnd ? 'missing' : 'unexpected'}`);
    const cap: number[] = v.capacity ?? [];
    const dims = cap.length;
    const load = new Array<number>(dims).fill(0);
    for (const s of steps) if (s.type === 'job') (tasks.get(`job:${s.id}`)?.delivery ?? []).forEach((x: number, k: number) => (load[k] += x));
    const picked = new Set<string>();
    let prev: { obj: any; key: 'location' | 'start' | 'end' } | null = null;
    let depart = 0;
    let travelSum = 0;
    let costSum = 0;
    const [vs, ve] = v.time_window ?? [0, Infinity];
    for (const [si, s] of steps.entries()) {
      const where = `route ${ri} (vehicle ${v.id}) step ${si} (${s.type}${s.id !== undefined ? ` ${s.id}` : ''})`;
      let obj: any;
      let key: 'location' | 'start' | 'end' = 'location';
      if (s.type === 'start' || s.type === 'end') [obj, key] = [v, s.type];
      else {
        obj = tasks.get(`${s.type}:${s.id}`);
        if (!obj) {
          err(`${where}: unknown task`);
          continue;
        }
        count(`${s.type}:${s.id}`);
      }
      const leg = prev ? travel(prev.obj, prev.key, obj, key) : 0;
      if (prev) {
        travelSum += leg;
        costSum += m?.costs ? travel(prev.obj, prev.key, obj, key, m.costs) : leg;
      }
      const arrival = prev ? depart + leg : s.arrival;
      if (Math.abs(s.arrival - arrival) > 1e-6) err(`${where}: arrival ${s.arrival}, expected ${arrival}`);
      const start = arrival + s.waiting_time;
      if (s.waiting_time < 0) err(`${where}: negative waiting`);
      if (s.type === 'start' && s.arrival < vs) err(`${where}: leaves at ${s.arrival} before the vehicle's window ${vs}`);
      if (s.type === 'end' && s.arrival > ve) err(`${where}: back at ${s.arrival} after the vehicle's window ${ve}`);
      if (s.type !== 'start' && s.type !== 'end') {
        const tws: number[][] = obj.time_windows ?? [[0, Infinity]];
        if (!tws.some(([a, b]) => start >= a && start <= b)) err(`${where}: service starts at ${start}, outside ${JSON.stringify(tws)}`);
        const samePlace = prev !== null && prev.key === 'location' && (m ? index(prev.obj, 'location') === index(obj, 'location') : String(coord(prev.obj, 'location')) === String(coord(obj, 'location')));
        const setup = samePlace ? 0 : obj.setup ?? 0;
        if (s.setup !== setup) err(`${where}: setup ${s.setup}, expected ${setup}`);
        if (s.service !== (obj.service ?? 0)) err(`${where}: service ${s.service}, expected ${obj.service ?? 0}`);
        const sign = s.type === 'pickup' ? 1 : -1;
        if (s.type === 'job') {
          (obj.delivery ?? []).forEach((x: number, k: number) => (load[k] -= x));
          (obj.pickup ?? []).forEach((x: number, k: number) => (load[k] += x));
        } else (obj.amount ?? []).forEach((x: number, k: number) => (load[k] += sign * x));
        if (s.type === 'pickup') picked.add(`pickup:${s.id}`);
        if (s.type === 'delivery' && !picked.has(obj.partner)) err(`${where}: delivered before its pickup ${obj.partner} on this route`);
        depart = start + setup + (obj.service ?? 0);
      } else depart = start;
      if (load.some((x, k) => x < 0 || x > cap[k])) err(`${where}: load ${JSON.stringify(load)} outside capacity ${JSON.stringify(cap)}`);
      if (JSON.stringify(s.load ?? []) !== JSON.stringify(load)) err(`${where}: load ${JSON.stringify(s.load)}, expected ${JSON.stringify(load)}`);
      prev = { obj, key };
    }
    for (const pk of picked) {
      const d = tasks.get(pk).partner;
      if (!steps.some((s) => `${s.type}:${s.id}` === d)) err(`route ${ri}: ${pk} picked up, ${d} not delivered on the same route`);
    }
    const perHour = v.costs?.per_hour ?? 3600;
    const cost = (v.costs?.fixed ?? 0) + (m?.costs ? costSum : Math.round((perHour * travelSum) / 3600));
    if (Math.abs(r.cost - cost) > 1e-6) err(`route ${ri}: cost ${r.cost}, expected ${cost}`);
    if (Math.abs(r.duration - travelSum) > 1e-6) err(`route ${ri}: duration ${r.duration}, expected ${travelSum}`);
    total += cost;
  }
  for (const k of tasks.keys()) if (seen.get(k) !== 1) err(`${k} appears ${seen.get(k) ?? 0} times (routes and unassigned)`);
  for (const k of seen.keys()) if (!tasks.has(k)) err(`${k} is not a task of the input`);
  if (Math.abs(output.summary.cost - total) > 1e-6) err(`summary.cost ${output.summary.cost}, expected ${total}`);
  if (output.summary.unassigned !== (output.unassigned ?? []).length) err(`summary.unassigned ${output.summary.unassigned} != ${(output.unassigned ?? []).length}`);
  return { ok: errors.length === 0, errors, cost: total };
}
