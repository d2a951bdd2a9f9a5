/**
 * Where the peer solvers live: their sources in ../shared/peers (the bench is the only part of
 * vanfleet that may read ../shared), the binaries `npm run bench:peers` builds in bench/.peers,
 * or binaries a user names with `--peer-bin NAME=PATH`.
 */
import { accessSync, constants } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const bench = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PEERS_SOURCE = resolve(bench, '..', '..', 'shared', 'peers');
export const PEER_DIR = join(bench, '.peers');

export const PEER_NAMES = ['hgs', 'vroom'] as const;
export type PeerName = (typeof PEER_NAMES)[number];

export function isPeerName(s: string): s is PeerName {
  return (PEER_NAMES as readonly string[]).includes(s);
}

/** `hgs=PATH,vroom=PATH` → map; unknown names or a missing `=` are usage errors. */
export function parsePeerBins(spec: string | undefined): Partial<Record<PeerName, string>> {
  const out: Partial<Record<PeerName, string>> = {};
  if (!spec) return out;
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    if (eq < 0 || !isPeerName(name) || part.slice(eq + 1) === '')
      throw new Error(`--peer-bin: expected NAME=PATH with NAME one of ${PEER_NAMES.join(', ')}, got "${part}"`);
    out[name] = resolve(part.slice(eq + 1));
  }
  return out;
}

export type Located = { readonly ok: true; readonly bin: string } | { readonly ok: false; readonly why: string };

/** The binary to run for a peer, or why there is none (reported, not a failure). */
export function locatePeer(name: PeerName, bins: Partial<Record<PeerName, string>>): Located {
  const bin = bins[name] ?? join(PEER_DIR, name);
  try {
    accessSync(bin, constants.X_OK);
    return { ok: true, bin };
  } catch {
    return {
      ok: false,
      why: bins[name] ? `${name}: ${bin} is not an executable file` : `${name}: not built (run \`npm run bench:peers\`, or pass --peer-bin ${name}=PATH)`,
    };
  }
}
