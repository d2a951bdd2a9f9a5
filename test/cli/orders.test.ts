import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Order files end to end: the shipped LaDe scenario through simulate and compare, and bad files
// reported as one line naming the file, line and column (exit 2, no stack trace).
const dir = mkdtempSync(join(tmpdir(), 'vanfleet-orders-'));

function run(cli: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${cli}.ts`, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** A small procedural town whose orders come from `orders` (relative to the scenario). */
const townWithOrders = (orders: string) =>
  JSON.stringify({ name: 'Order town', city: { kind: 'procedural', widthM: 1200, heightM: 900 }, facilities: { stations: 1 }, fleet: { size: 2 }, demand: { orders } }, null, 1);

describe('order files', () => {
  it('runs scenarios/lade-orders.json: every LaDe order delivered or failed, none left over', () => {
    const out = join(dir, 'lade.json');
    const r = run('simulate', 'scenarios/lade-orders.json', '--out', out);
    expect(r.stderr).not.toMatch(/Error|at .*\.ts:/);
    expect(r.code).toBe(0);
    const rep = JSON.parse(readFileSync(out, 'utf8'));
    expect(rep.kpis.parcels).toBe(211);
    expect(rep.kpis.delivered + rep.kpis.failed).toBe(211);
    expect(rep.kpis.pending).toBe(0);
    expect(rep.kpis.onTimeRate).toBeGreaterThan(0.8);
    expect(rep.parcels.every((p: { id: string }) => /^L\d+$/.test(p.id))).toBe(true);
  });

  it('compares on an order file: the same orders, other draws of sizes and customers per seed', () => {
    const out = join(dir, 'cmp.json');
    const r = run('compare', 'scenarios/lade-orders.json', '--vary', 'dispatch.strategy=insertion,nearest', '--seeds', '2', '--workers', '1', '--out', out);
    expect(r.stderr).not.toMatch(/Error|at .*\.ts:/);
    expect(r.code).toBe(0);
    const cmp = JSON.parse(readFileSync(out, 'utf8'));
    expect(cmp.variants).toHaveLength(2);
  });

  it('runs a door-id file on a procedural city', () => {
    const sc = file('town.json', townWithOrders('town-orders.csv'));
    file('town-orders.csv', 'time,door,weight_kg\n07:00,0,3\n07:30,5,1.5\n08:00,9,\n');
    const out = join(dir, 'town.json.out');
    const r = run('simulate', sc, '--out', out);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).kpis.parcels).toBe(3);
  });

  it('reports a malformed row with the file, line and column', () => {
    const sc = file('bad-town.json', townWithOrders('bad-orders.csv'));
    file('bad-orders.csv', 'time,door,weight_kg\n07:00,0,3\n07:30,5,heavy\n');
    const r = run('simulate', sc);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`simulate: ${sc}: demand.orders: bad-orders.csv:3: column weight_kg: expected a positive number, got "heavy"\n`);
  });

  it('reports a missing order file before running', () => {
    const sc = file('lost-town.json', townWithOrders('lost.csv'));
    const r = run('simulate', sc);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`simulate: ${sc}: demand.orders: "lost.csv" not found (looked for ${join(dir, 'lost.csv')})\n`);
  });
});
