/**
 * `npm run bench:peers`: builds the peer solvers (HGS-CVRP, VROOM) from ../shared/peers into
 * bench/.peers (ignored by git) with that folder's build.sh, and prints where each binary is.
 * It needs Debian's `g++ make libglpk-dev`; build.sh names whichever is missing. A binary newer
 * than its source is kept, so a second run is instant.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PEER_DIR, PEERS_SOURCE } from './locate.ts';

const script = join(PEERS_SOURCE, 'build.sh');
if (!existsSync(script)) {
  process.stderr.write(`bench:peers: no peer sources at ${PEERS_SOURCE} (expected build.sh there); point the bench at your own binaries with --peer-bin hgs=PATH,vroom=PATH\n`);
  process.exit(2);
}
const r = spawnSync('bash', [script, PEER_DIR], { stdio: ['ignore', 'inherit', 'inherit'] });
process.exit(r.status ?? 1);
