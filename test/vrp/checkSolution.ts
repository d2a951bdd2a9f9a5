/**
 * Independent solution checker for the test suite. It re-reads the raw instance text with its own
 * minimal parsers (nothing from src/core/vrp) and recomputes a solution file from scratch: every
 * customer exactly once, capacity, time windows with service times and waiting, depot hours,
 * battery for E-VRPTW, vehicle count, and the distance under the instance's convention
 * (benchmarks README §2.2, §4, §5). Every solver test goes through it.
 *
 * E-VRPTW full recharge (Schneider et al. 2014): a station charges to Q in g·(Q − level). Partial
 * recharge (Keskin & Çatay 2016; `recharge: "partial"` with `charges`): a station adds the stated
 * energy, which must be non-negative and fit into the battery, in g·energy; the battery must never
 * go below zero along the route.
 */
export interface SolutionLike {
  readonly objective: 'distance' | 'hierarchical';
  readonly vehicles: number;
  readonly distance: number;
  readonly routes: readonly (readonly string[])[];
  readonly recharge?: 'partial';
  /** Energy added at each station visit per route, in visiting order (partial recharge). */
  readonly charges?: readonly (readonly number[])[];
}

export interface CheckResult {
  readonly ok: boolean;
  readonly errors: string[];
  readonly vehicles: number;
  readonly distance: number;
}

interface Node {
  x: number;
  y: number;
  demand: number;
  ready: number;
  due: number;
  service: number;
  kind: 'depot' | 'customer' | 'station';
}

interface Parsed {
  nodes: Map<string, Node>;
  depot: string;
  capacity: number;
  maxVehicles: number;
  arc: (a: Node, b: Node) => number;
  time: (a: Node, b: Node) => number;
  battery?: { Q: number; r: number; g: number };
}

const EPS = 1e-6;
const eu = (a: Node, b: Node) => Math.hypot(a.x - b.x, a.y - b.y);
const rows = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');

function parseSolomonText(text: string, objective: string): Parsed {
  const lines = rows(text);
  const v = lines.findIndex((l) => l.toUpperCase() === 'VEHICLE');
  const [K, Q] = lines[v + 2].split(/\s+/).map(Number);
  const h = lines.findIndex((l) => l.startsWith('CUST NO.'));
  const nodes = new Map<string, Node>();
  for (const l of lines.slice(h + 1)) {
    const [id, x, y, demand, ready, due, service] = l.split(/\s+/).map(Number);
    nodes.set(String(id), { x, y, demand, ready, due, service, kind: id === 0 ? 'depot' : 'customer' });
  }
  const trunc = (a: Node, b: Node) => Math.floor(eu(a, b) * 10 + 1e-9) / 10;
  const arc = objective === 'distance' ? trunc : eu;
  return { nodes, depot: '0', capacity: Q, maxVehicles: K, arc, time: arc };
}

function parseCvrplibText(text: string): Parsed {
  const lines = rows(text);
  const nodes = new Map<string, Node>();
  let capacity = 0;
  let section = '';
  let depot = '';
  for (const l of lines) {
    if (l.startsWith('CAPACITY')) capacity = Number(l.split(':')[1]);
    else if (l.endsWith('_SECTION') || l === 'EOF') section = l;
    else if (section === 'NODE_COORD_SECTION') {
      const [id, x, y] = l.split(/\s+/);
      nodes.set(id, { x: +x, y: +y, demand: 0, ready: 0, due: Infinity, service: 0, kind: 'customer' });
    } else if (section === 'DEMAND_SECTION') {
      const [id, q] = l.split(/\s+/);
      nodes.get(id)!.demand = +q;
    } else if (section === 'DEPOT_SECTION' && l !== '-1' && depot === '') depot = l;
  }
  nodes.get(depot)!.kind = 'depot';
  const arc = (a: Node, b: Node) => Math.round(eu(a, b));
  return { nodes, depot, capacity, maxVehicles: Infinity, arc, time: () => 0 };
}

function parseEvrptwText(text: string): Parsed {
  const lines = rows(text);
  const nodes = new Map<string, Node>();
  const par: Record<string, number> = {};
  let depot = '';
  for (const l of lines.slice(1)) {
    const m = /\/(.*)\/\s*$/.exec(l);
    if (m) {
      par[l[0]] = Number(m[1]);
      continue;
    }
    const [id, type, x, y, demand, ready, due, service] = l.split(/\s+/);
    const kind = type === 'd' ? 'depot' : type === 'f' ? 'station' : 'customer';
    if (kind === 'depot') depot = id;
    nodes.set(id, { x: +x, y: +y, demand: +demand, ready: +ready, due: +due, service: +service, kind });
  }
  return {
    nodes, depot, capacity: par.C, maxVehicles: Infinity, arc: eu, time: (a, b) => eu(a, b) / par.v,
    battery: { Q: par.Q, r: par.r, g: par.g },
  };
}

export function checkSolution(text: string, format: 'solomon' | 'cvrplib' | 'evrptw', sol: SolutionLike): CheckResult {
  const inst = format === 'solomon' ? parseSolomonText(text, sol.objective) : format === 'cvrplib' ? parseCvrplibText(text) : parseEvrptwText(text);
  const errors: string[] = [];
  const seen = new Map<string, number>();
  const depot = inst.nodes.get(inst.depot)!;
  let total = 0;
  const partial = sol.recharge === 'partial';
  if (partial && (!inst.battery || !sol.charges || sol.charges.length !== sol.routes.length))
    errors.push(`partial recharge needs an E-VRPTW instance and one charges list per route`);
  sol.routes.forEach((route, ri) => {
    if (route.length === 0) errors.push(`route ${ri} is empty`);
    const charges = sol.charges?.[ri] ?? [];
    let stationVisits = 0;
    let load = 0;
    let t = depot.ready;
    let battery = inst.battery?.Q ?? Infinity;
    let prev = depot;
    const visit = (node: Node, label: string) => {
      const d = inst.arc(prev, node);
      total += d;
      t += inst.time(prev, node);
      if (inst.battery) {
        battery -= inst.battery.r * eu(prev, node);
        if (battery < -EPS) errors.push(`route ${ri}: battery ${battery.toFixed(6)} < 0 arriving at ${label}`);
      }
      t = Math.max(t, node.ready);
      if (t > node.due + EPS) errors.push(`route ${ri}: service at ${label} starts at ${t.toFixed(6)} > due ${node.due}`);
      if (node.kind === 'station' && inst.battery && partial) {
        const q = charges[stationVisits++];
        if (!(q >= -EPS)) errors.push(`route ${ri}: charge ${q} at ${label} is not a non-negative number`);
        else {
          if (battery + q > inst.battery.Q + EPS) errors.push(`route ${ri}: charging ${q.toFixed(6)} at ${label} exceeds the battery (${(battery + q).toFixed(6)} > ${inst.battery.Q})`);
          t += inst.battery.g * q;
          battery += q;
        }
      } else if (node.kind === 'station' && inst.battery) {
        t += inst.battery.g * (inst.battery.Q - battery);
        battery = inst.battery.Q;
      }
      t += node.service;
      prev = node;
    };
    for (const id of route) {
      const node = inst.nodes.get(id);
      if (!node) {
        errors.push(`route ${ri}: unknown id ${id}`);
        continue;
      }
      if (node.kind === 'depot') {
        errors.push(`route ${ri}: depot ${id} inside a route`);
        continue;
      }
      if (node.kind === 'customer') {
        seen.set(id, (seen.get(id) ?? 0) + 1);
        load += node.demand;
      }
      visit(node, id);
    }
    if (partial && charges.length !== stationVisits) errors.push(`route ${ri}: ${charges.length} charges for ${stationVisits} station visits`);
    const back = inst.arc(prev, depot);
    total += back;
    t += inst.time(prev, depot);
    if (inst.battery) {
      battery -= inst.battery.r * eu(prev, depot);
      if (battery < -EPS) errors.push(`route ${ri}: battery ${battery.toFixed(6)} < 0 back at the depot`);
    }
    if (t > depot.due + EPS) errors.push(`route ${ri}: back at the depot at ${t.toFixed(6)} > ${depot.due}`);
    if (load > inst.capacity) errors.push(`route ${ri}: load ${load} > capacity ${inst.capacity}`);
  });
  for (const [id, node] of inst.nodes) {
    if (node.kind !== 'customer') continue;
    const c = seen.get(id) ?? 0;
    if (c !== 1) errors.push(`customer ${id} visited ${c} times`);
  }
  if (sol.routes.length > inst.maxVehicles) errors.push(`${sol.routes.length} routes > ${inst.maxVehicles} vehicles`);
  if (sol.vehicles !== sol.routes.length) errors.push(`vehicles ${sol.vehicles} != ${sol.routes.length} routes`);
  const distance = format === 'solomon' && sol.objective === 'distance' ? Math.round(total * 10) / 10 : total;
  if (Math.abs(distance - sol.distance) > 1e-4 * Math.max(1, distance / 1e4)) errors.push(`distance ${sol.distance} != recomputed ${distance}`);
  return { ok: errors.length === 0, errors, vehicles: sol.routes.length, distance };
}
