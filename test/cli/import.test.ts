import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unpackCity } from '../../src/core/city/CityPack.ts';

const dir = mkdtempSync(join(tmpdir(), 'vanfleet-import-'));

function runImport(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run import', () => {
  it('turns an extract into a city pack and a runnable scenario beside it', () => {
    const out = join(dir, 'turns.json');
    const r = runImport('test/fixtures/osm/turns.osm', '--out', out, '--name', 'Turns');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('turn restrictions: 2 applied of 4');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ name: 'Turns', city: { kind: 'osm', pack: 'turns.citypack' }, fleet: { size: 3 }, demand: { parcels: 200 } });
    const pack = readFileSync(join(dir, 'turns.citypack'));
    const city = unpackCity(pack.buffer.slice(pack.byteOffset, pack.byteOffset + pack.byteLength));
    expect(city.graph.nodeCount).toBe(9);
    expect(city.meta.attribution).toBe('© OpenStreetMap contributors — https://www.openstreetmap.org/copyright');
  });

  it('writes a scenario that npm run simulate runs like any other', () => {
    const out = join(dir, 'manhattan.json');
    expect(runImport('public/cities/lower-manhattan-2025.osm.pbf', '--out', out, '--quiet').code).toBe(0);
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/simulate.ts', out, '--quiet', '--out', join(dir, 'run.json')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const rep = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
    expect(rep.kpis.delivered).toBeGreaterThan(0.9 * rep.kpis.parcels);
  });

  it('rejects a bad extract with exit code 2 and one line, no stack trace', () => {
    const bad = join(dir, 'bad.osm.pbf');
    writeFileSync(bad, readFileSync('public/cities/monaco-2016.osm.pbf').subarray(0, 3000));
    const r = runImport(bad, '--out', join(dir, 'bad.json'));
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: 'import: bad.osm.pbf: blob 2 is truncated (expected 1014625 bytes, got 2780)\n' });
    const empty = join(dir, 'empty.osm');
    writeFileSync(empty, '');
    expect(runImport(empty, '--out', join(dir, 'e.json'))).toMatchObject({ code: 2, stderr: 'import: empty.osm: the file is empty\n' });
    expect(runImport('nope.osm.pbf', '--out', join(dir, 'n.json'))).toMatchObject({ code: 2, stderr: 'import: nope.osm.pbf: file not found\n' });
  });

  it('names bad arguments', () => {
    const r = runImport('test/fixtures/osm/turns.osm', '--out', join(dir, 'x.json'), '--classes', 'residential,highway');
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('import: --classes: unknown road class "highway" (expected some of motorway, trunk, primary, secondary, tertiary, residential, service, living_street, unclassified)');
    expect(runImport('test/fixtures/osm/turns.osm').stderr.split('\n')[0]).toBe('import: --out: expected the scenario file to write');
  });
});
