import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/core/scenario/loadScenario.ts';
import { validateRun } from '../../src/core/sim/validateRun.ts';
import { runScenario } from './runHelpers.ts';

const tight = JSON.parse(readFileSync('scenarios/charging-tight.json', 'utf8'));
const withHubs = (policy: string) =>
  parseScenario(JSON.stringify({ ...tight, facilities: { ...tight.facilities, hubs: { count: 2, ports: 4, powerKW: 60, gridLimitKW: 150 } }, charging: { ...tight.charging, policy } }), 'hubs.json');

describe('standalone charging hubs', () => {
  it('are placed on their own nodes after the stations, and the scheduled policy sends vans there when the station port is taken', () => {
    const { report, run } = runScenario(withHubs('scheduled'));
    const f = run.world.city.facilities;
    expect(f.map((x) => x.kind)).toEqual(['warehouse', 'station', 'station', 'station', 'hub', 'hub']);
    expect(new Set(f.map((x) => x.node)).size).toBe(f.length);
    expect(f[4]).toMatchObject({ id: 'hub-1', chargerPorts: 4, chargerKW: 60, chargerLimitKW: 150 });
    const hubs = report.charging.sites.filter((s) => s.id.startsWith('hub-'));
    expect(hubs.reduce((n, s) => n + s.sessions, 0)).toBeGreaterThan(0);
    for (const s of report.charging.sites) expect(s.peakKW).toBeLessThanOrEqual(s.limitKW + 1e-9);
    expect(report.kpis.strandedVans).toBe(0);
    expect(validateRun(report, run.world.params)).toEqual([]);
  });

  it('do not move the warehouse or the stations', () => {
    const plain = runScenario(parseScenario(JSON.stringify(tight), 'tight.json'));
    const { run } = runScenario(withHubs('threshold'));
    expect(run.world.city.facilities.slice(0, 4).map((x) => x.node)).toEqual(plain.run.world.city.facilities.map((x) => x.node));
  });
});
