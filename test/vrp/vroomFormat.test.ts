import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { maxIterations, readInstance, readVroom, solve, toSolutionFile, unassignUntilFeasible, vroomView, writeVroom } from '../../src/core/vrp/index.ts';
import { checkSolution } from './checkSolution.ts';
import { checkVroom } from './checkVroom.ts';
import { INSTANCES, instanceText } from './fixtures.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

/** Read, solve with an iteration budget (deterministic), repair, write: VROOM input in, VROOM output out. */
function solveVroom(input: object, iterations = 300, seed = 1) {
  const vp = readVroom(JSON.stringify(input), 'problem.json');
  const res = solve(vp.problem, { stop: maxIterations(iterations), seed });
  const { solution, removed } = unassignUntilFeasible(vp.problem, res.best, (l) => vp.tasks[l - vp.problem.numDepots].priority);
  return { vp, out: writeVroom(vp, solution, { loading: 0, solving: 0 }, removed) };
}

const errorOf = (input: unknown) => {
  try {
    readVroom(typeof input === 'string' ? input : JSON.stringify(input), 'problem.json');
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

const line = (n: number, w = 1000) => Array.from({ length: n }, (_, a) => Array.from({ length: n }, (_, b) => Math.abs(a - b) * w));

describe('VROOM input and output formats', () => {
  it('solves a two-depot problem with jobs, a shipment, setup, skills and a window as well as VROOM does', () => {
    const input = JSON.parse(readFileSync(join(here, 'vroom', 'two-depots.json'), 'utf8'));
    const { out } = solveVroom(input);
    const check = checkVroom(input, out);
    expect(check.errors).toEqual([]);
    expect(out.unassigned).toEqual([]);
    // VROOM v1.14 (-x 5) answers this problem with cost 7377 (measured with the peer binary).
    expect(out.summary.cost).toBeLessThanOrEqual(7377);
    expect(out.routes.map((r) => r.vehicle)).toEqual([...out.routes.map((r) => r.vehicle)].sort((a, b) => a - b));
    const step = out.routes.flatMap((r) => r.steps).find((s) => s.type === 'job')!;
    expect(Object.keys(step)).toEqual(expect.arrayContaining(['type', 'id', 'location_index', 'arrival', 'waiting_time', 'load', 'setup', 'service', 'duration']));
    // Same input, same bytes.
    expect(JSON.stringify(solveVroom(input).out)).toBe(JSON.stringify(out));
  });

  it('reports tasks no vehicle can serve as unassigned, saying which, and solves the rest', () => {
    const input = {
      vehicles: [{ id: 7, start_index: 0, end_index: 0, capacity: [10, 3], time_window: [0, 20000] }],
      jobs: [
        { id: 1, location_index: 1, delivery: [2, 1] },
        { id: 2, location_index: 2, delivery: [11, 0] }, // over capacity in the first dimension
        { id: 3, location_index: 3, pickup: [1, 1], time_windows: [[0, 100]] }, // 3000 s away, due by 100
        { id: 4, location_index: 3, delivery: [1, 1], service: 60 },
      ],
      matrices: { car: { durations: line(4) } },
    };
    const { vp, out } = solveVroom(input);
    expect(checkVroom(input, out).errors).toEqual([]);
    expect(out.unassigned.map((u) => u.id).sort()).toEqual([2, 3]);
    expect(vp.unassigned.map((u) => u.why).join(' | ')).toMatch(/capacity.*\|.*time window/);
    expect(out.routes[0].steps.filter((s) => s.type === 'job').map((s) => s.id).sort()).toEqual([1, 4]);
  });

  it('when the fleet is too small, leaves out the lowest-priority tasks and keeps every route feasible', () => {
    const jobs = [1, 2, 3, 4, 5].map((id) => ({ id, location_index: id, delivery: [1], priority: id === 2 ? 0 : 50 }));
    const input = { vehicles: [{ id: 1, start_index: 0, capacity: [4] }], jobs, matrices: { car: { durations: line(6, 10) } } };
    const { out } = solveVroom(input);
    expect(checkVroom(input, out).errors).toEqual([]);
    expect(out.unassigned.map((u) => u.id)).toEqual([2]);
    // No end: the route stops at its last task.
    expect(out.routes[0].steps.at(-1)!.type).toBe('job');
  });

  it('reads coordinates without a matrix (Euclidean travel, rounded) and shipments across two dimensions', () => {
    const input = {
      vehicles: [{ id: 1, start: [0, 0], end: [0, 0], capacity: [5, 5] }, { id: 2, start: [100, 0], end: [100, 0], capacity: [5, 5] }],
      jobs: [{ id: 1, location: [10, 0], delivery: [2, 0] }, { id: 2, location: [90, 5], delivery: [0, 3] }],
      shipments: [{ amount: [3, 3], pickup: { id: 9, location: [20, 20] }, delivery: { id: 9, location: [80, 20], service: 30 } }],
    };
    const { out } = solveVroom(input);
    expect(checkVroom(input, out).errors).toEqual([]);
    const types = out.routes.flatMap((r) => r.steps.map((s) => s.type));
    expect(types.indexOf('pickup')).toBeLessThan(types.indexOf('delivery'));
  });

  it('prices routes as VROOM does: fixed cost, per_hour, or a costs matrix', () => {
    const base = { jobs: [{ id: 1, location_index: 1 }, { id: 2, location_index: 2 }] };
    const perHour = { ...base, vehicles: [{ id: 1, start_index: 0, end_index: 0, costs: { fixed: 500, per_hour: 7200 } }], matrices: { car: { durations: line(3, 100) } } };
    const a = solveVroom(perHour).out;
    expect(checkVroom(perHour, a).errors).toEqual([]);
    expect(a.summary.cost).toBe(500 + 2 * 400);
    const costs = { ...base, vehicles: [{ id: 1, start_index: 0, end_index: 0 }], matrices: { car: { durations: line(3, 100), costs: line(3, 3) } } };
    const b = solveVroom(costs).out;
    expect(checkVroom(costs, b).errors).toEqual([]);
    expect(b.summary.cost).toBe(12);
  });

  it('holds on random problems: windows, several dimensions, shipments, two depots (independent checker)', () => {
    let s = 12345;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let k = 0; k < 12; k++) {
      const n = 8 + Math.floor(rnd() * 10);
      const pts = Array.from({ length: n + 2 }, () => [Math.floor(rnd() * 1000), Math.floor(rnd() * 1000)]);
      const durations = pts.map((p) => pts.map((q) => Math.round(Math.hypot(p[0] - q[0], p[1] - q[1]))));
      const jobs = Array.from({ length: n - 2 }, (_, i) => {
        const open = Math.floor(rnd() * 4000);
        return { id: i + 1, location_index: i + 2, delivery: [1 + Math.floor(rnd() * 3), Math.floor(rnd() * 2)], service: 30, setup: 10,
          ...(rnd() < 0.6 ? { time_windows: [[open, open + 800 + Math.floor(rnd() * 2000)]] } : {}) };
      });
      const shipments = [{ amount: [1, 1], pickup: { id: 100, location_index: n }, delivery: { id: 100, location_index: n + 1, service: 20 } }];
      const vehicles = [0, 1].map((d) => ({ id: d + 10, start_index: d, end_index: d, capacity: [8, 3], time_window: [0, 9000] }));
      const input = { vehicles, jobs, shipments, matrices: { car: { durations } } };
      const { out } = solveVroom(input, 150, k + 1);
      expect(checkVroom(input, out).errors, `case ${k}`).toEqual([]);
    }
  });

  it('refuses bad input by file, line or field path, and what the solver cannot model yet by name', () => {
    expect(errorOf('{\n  "vehicles": [\n    {"id": 1,, }\n  ]\n}')).toMatch(/^problem\.json:3: column \d+: not valid JSON/);
    const ok = { vehicles: [{ id: 1, start_index: 0 }], jobs: [{ id: 1, location_index: 1 }], matrices: { car: { durations: line(2) } } };
    expect(errorOf(ok)).toBe('no error');
    expect(errorOf({ ...ok, jobs: [{ id: 1 }] })).toContain('jobs[0].location_index: expected a matrix row');
    expect(errorOf({ ...ok, jobs: [{ id: 1, location_index: 5 }] })).toContain('jobs[0].location_index: expected a row of matrices.car (0 to 1)');
    expect(errorOf({ ...ok, jobs: [{ id: 1, location_index: 1, time_windows: [[0, 5], [9, 20]] }] })).toContain('jobs[0].time_windows: more than one time window per task is not supported');
    expect(errorOf({ ...ok, jobs: [{ id: 1, location_index: 1, time_windows: [[9, 5]] }] })).toContain('jobs[0].time_windows[0]: expected a [start, end] pair');
    expect(errorOf({ ...ok, jobs: [{ id: 1, location_index: 1 }, { id: 1, location_index: 1 }] })).toContain('jobs[1].id: expected an id not used by another');
    expect(errorOf({ ...ok, vehicles: [{ id: 1, start_index: 0, breaks: [{ id: 1 }] }] })).toContain('vehicles[0].breaks: breaks is not supported');
    expect(errorOf({ ...ok, vehicles: [{ id: 1 }] })).toContain('vehicles[0].start: expected a start or an end');
    const skills = { ...ok, vehicles: [{ id: 1, start_index: 0, skills: [3] }, { id: 2, start_index: 1 }], jobs: [{ id: 1, location_index: 1, skills: [3] }] };
    expect(errorOf(skills)).toContain('jobs[0].skills: a skill that only some of the vehicles hold');
    expect(errorOf({ ...ok, matrices: { car: { durations: [[0, 1], [1]] } } })).toContain('matrices.car.durations[1]: expected 2 entries');
    expect(errorOf({ ...ok, jobs: [{ id: 1, location_index: 1, delivery: [1, 2] }], vehicles: [{ id: 1, start_index: 0, capacity: [3] }] })).toContain('expected amounts with 1 dimension');
    // Fuzzing found a stack overflow showing a 10^5-deep array in the message.
    expect(errorOf('['.repeat(100_000) + ']'.repeat(100_000))).toBe('problem.json: (top level): expected an object, got [[[[[…]]]]]');
    const warned = readVroom(JSON.stringify({ ...ok, jobs: [{ id: 1, location_index: 1, servce: 3 }] }), 'problem.json');
    expect(warned.warnings.join('\n')).toContain('jobs[0].servce: unknown key, ignored');
  });

  it('writes any benchmark instance in VROOM output format: C101 as jobs, cost = distance', () => {
    const text = instanceText('solomon', 'C101.txt');
    const inst = readInstance(text, 'C101.txt');
    const res = solve(inst.problem, { stop: maxIterations(50), seed: 1 });
    const out = writeVroom(vroomView(inst), res.best, { loading: 0, solving: 0 });
    const sol = toSolutionFile(inst, res.best, 0);
    expect(checkSolution(text, 'solomon', sol).errors).toEqual([]);
    expect(out.summary.cost).toBeCloseTo(sol.distance, 6);
    expect(out.routes.flatMap((r) => r.steps.filter((s) => s.type === 'job').map((s) => s.description))).toEqual(sol.routes.flat());
    for (const r of out.routes) for (const st of r.steps) if (st.type === 'job') expect(st.waiting_time).toBeGreaterThanOrEqual(0);
  });

  it('npm run solve -- problem.json (format detected) writes VROOM output; --out-format vroom for an instance', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vanfleet-vroom-'));
    const tsx = join(root, 'node_modules', '.bin', 'tsx');
    const cli = join(root, 'src', 'cli', 'solve.ts');
    const input = join(here, 'vroom', 'two-depots.json');
    const r = spawnSync(tsx, [cli, input, '--time-limit', '2', '--quiet'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.code).toBe(0);
    expect(checkVroom(JSON.parse(readFileSync(input, 'utf8')), out).errors).toEqual([]);
    const file = join(dir, 'c101.json');
    const c = spawnSync(tsx, [cli, join(INSTANCES, 'solomon', 'C101.txt'), '--time-limit', '1', '--out-format', 'vroom', '--out', file], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(c.status, c.stderr).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).summary.routes).toBe(10);
    const badFile = join(dir, 'bad.json');
    writeFileSync(badFile, JSON.stringify({ vehicles: [{ id: 1 }], jobs: [] }));
    const bad = spawnSync(tsx, [cli, badFile], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^solve: bad\.json: vehicles\[0\]\.start: expected a start or an end/);
    expect(bad.stderr).not.toContain('    at ');
  });
});
