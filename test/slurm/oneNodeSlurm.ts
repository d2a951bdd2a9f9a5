/**
 * A throw-away one-node Slurm cluster for tests, as ../shared/notes/slurm-one-node.md records it
 * works on these machines (root, no systemd): munged with its own key and socket, slurmctld and
 * slurmd on 127.0.0.1 from a generated slurm.conf, every file under one state folder. stop() ends
 * only the daemons it started, by the PIDs in their pid files, and waits until they are gone
 * (a dead daemon may linger as a zombie here: its /proc/PID/stat state is checked, not kill -0).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PACKAGES = ['slurmctld', 'slurmd', 'slurm-client', 'munge', 'iproute2'];
const BINARIES = ['munged', 'mungekey', 'slurmctld', 'slurmd', 'sbatch', 'squeue', 'scontrol', 'sinfo', 'scancel'];

const has = (bin: string) => spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' }).status === 0;
const missing = () => BINARIES.filter((b) => !has(b));

/**
 * Make sure the Slurm and munge binaries are there, installing Debian's packages when they are not
 * (root only). Returns null when ready, else why not (the test skips with it).
 */
export function ensureSlurm(): string | null {
  if (missing().length === 0) return null;
  if (process.getuid?.() !== 0) return `Slurm is not installed (${missing().join(', ')} missing) and installing it needs root`;
  if (!has('apt-get')) return `Slurm is not installed (${missing().join(', ')} missing) and there is no apt-get`;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...PACKAGES], { encoding: 'utf8', env, timeout: 300_000 });
  let r = install();
  if (r.status !== 0) {
    spawnSync('apt-get', ['update', '-qq'], { encoding: 'utf8', env, timeout: 300_000 });
    r = install();
  }
  if (r.status !== 0 || missing().length > 0) return `apt-get install ${PACKAGES.join(' ')} failed (exit ${r.status}): ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' / ')}`;
  return null;
}

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The process is running (not gone, not a zombie). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function waitFor(what: string, ok: () => boolean, timeoutMs: number, log: () => string): void {
  const until = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`one-node Slurm: ${what} did not happen within ${timeoutMs / 1000} s\n${log()}`);
    sleep(100);
  }
}

export interface Cluster {
  /** The state folder (config, logs, pid files, spool). */
  readonly dir: string;
  /** The environment for client commands: SLURM_CONF set, no SLURM_* of an enclosing job. */
  readonly env: NodeJS.ProcessEnv;
  readonly node: string;
  /** Run a client command (sbatch, squeue, …) against this cluster. */
  run(cmd: string, args: readonly string[], cwd?: string): { status: number | null; stdout: string; stderr: string };
  /** The end of the daemons' logs, for failure messages. */
  logs(): string;
  /** Cancel jobs, shut the daemons down and wait until they are gone; safe to call twice. */
  stop(): void;
}

/** The daemons' pid files, in the order they are stopped. */
const PID_FILES = ['slurmd.pid', 'slurmctld.pid', 'munged.pid'] as const;
const BINARY_OF: Record<(typeof PID_FILES)[number], string> = { 'slurmd.pid': 'slurmd', 'slurmctld.pid': 'slurmctld', 'munged.pid': 'munged' };

export async function startCluster(): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'vanfleet-slurm-'));
  chmodSync(dir, 0o755); // munged refuses a socket under a folder others cannot search (mkdtemp makes 0700)
  for (const d of ['state', 'spool', 'munge']) mkdirSync(join(dir, d), { mode: 0o755 });
  const node = spawnSync('hostname', ['-s'], { encoding: 'utf8' }).stdout.trim();
  const conf = join(dir, 'slurm.conf');
  const env: NodeJS.ProcessEnv = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SLURM_'))), SLURM_CONF: conf };
  const pids: Partial<Record<(typeof PID_FILES)[number], number>> = {};
  const run = (cmd: string, args: readonly string[], cwd?: string) => {
    const r = spawnSync(cmd, args, { encoding: 'utf8', env, cwd, timeout: 30_000 });
    return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  };
  const logs = () =>
    ['munged.log', 'slurmctld.log', 'slurmd.log']
      .filter((f) => existsSync(join(dir, f)))
      .map((f) => `--- ${f} (last lines)\n${readFileSync(join(dir, f), 'utf8').trimEnd().split('\n').slice(-15).join('\n')}`)
      .join('\n');
  const readPid = (f: (typeof PID_FILES)[number]) => {
    try {
      const pid = Number(readFileSync(join(dir, f), 'utf8').trim());
      // Only a process that is the daemon we started (a recycled PID is someone else's).
      if (pid > 1 && readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0].endsWith(BINARY_OF[f])) pids[f] ??= pid;
    } catch {
      // not written yet, or the process is gone
    }
  };
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    for (const f of PID_FILES) readPid(f);
    if (pids['slurmctld.pid'] !== undefined && alive(pids['slurmctld.pid'])) {
      run('scancel', ['--full', '--quiet', '--user=root']);
      run('scontrol', ['shutdown']); // slurmctld and slurmd both
    }
    for (const f of PID_FILES) {
      const pid = pids[f];
      if (pid === undefined) continue;
      // The Slurm daemons end on scontrol shutdown; munged (and a daemon that did not) on a signal.
      const grace = Date.now() + (f === 'munged.pid' ? 0 : 10_000);
      while (alive(pid) && Date.now() < grace) sleep(50);
      if (alive(pid)) process.kill(pid, 'SIGTERM');
      const hard = Date.now() + 5_000;
      while (alive(pid) && Date.now() < hard) sleep(50);
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // Even if the test run is cut short after this point, the daemons do not outlive it.
  process.once('exit', stop);

  try {
    const key = join(dir, 'munge', 'munge.key');
    const socket = join(dir, 'munge', 'munge.socket');
    const mk = spawnSync('mungekey', ['--create', `--keyfile=${key}`], { encoding: 'utf8' });
    if (mk.status !== 0) throw new Error(`mungekey failed: ${mk.stderr}`);
    const m = spawnSync('munged', ['--force', `--key-file=${key}`, `--socket=${socket}`, `--pid-file=${join(dir, 'munged.pid')}`, `--seed-file=${join(dir, 'munge', 'munged.seed')}`, `--log-file=${join(dir, 'munged.log')}`], { encoding: 'utf8' });
    if (m.status !== 0) throw new Error(`munged failed (exit ${m.status}): ${m.stderr}\n${logs()}`);
    readPid('munged.pid');

    const hw = spawnSync('slurmd', ['-C'], { encoding: 'utf8', env }).stdout.split('\n')[0].trim();
    if (!hw.startsWith(`NodeName=${node} `)) throw new Error(`slurmd -C: expected "NodeName=${node} …", got "${hw}"`);
    const [ctldPort, dPort] = [await freePort(), await freePort()];
    writeFileSync(
      conf,
      [
        'ClusterName=vanfleet-test',
        `SlurmctldHost=${node}(127.0.0.1)`,
        `SlurmctldPort=${ctldPort}`,
        `SlurmdPort=${dPort}`,
        'SlurmUser=root',
        'SlurmdUser=root',
        'AuthType=auth/munge',
        `AuthInfo=socket=${socket}`,
        'CredType=cred/munge',
        'ProctrackType=proctrack/linuxproc',
        'TaskPlugin=task/none',
        'MpiDefault=none',
        'JobAcctGatherType=jobacct_gather/none',
        'AccountingStorageType=accounting_storage/none',
        'JobCompType=jobcomp/none',
        'MailProg=/bin/true',
        'SchedulerParameters=batch_sched_delay=0',
        'SelectType=select/cons_tres',
        'SelectTypeParameters=CR_Core', // cores only: tasks without --mem do not each claim the whole node's memory
        'ReturnToService=2',
        `StateSaveLocation=${join(dir, 'state')}`,
        `SlurmdSpoolDir=${join(dir, 'spool')}`,
        `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`,
        `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
        `SlurmctldLogFile=${join(dir, 'slurmctld.log')}`,
        `SlurmdLogFile=${join(dir, 'slurmd.log')}`,
        `${hw} NodeAddr=127.0.0.1 State=UNKNOWN`,
        `PartitionName=test Nodes=${node} Default=YES MaxTime=INFINITE State=UP`,
        '',
      ].join('\n'),
    );
    const c = run('slurmctld', ['-f', conf]);
    if (c.status !== 0) throw new Error(`slurmctld failed (exit ${c.status}): ${c.stderr}\n${logs()}`);
    waitFor('slurmctld answering (scontrol ping: UP)', () => / is UP/.test(run('scontrol', ['ping']).stdout), 20_000, logs);
    readPid('slurmctld.pid');
    const d = run('slurmd', ['-f', conf, '-N', node]);
    if (d.status !== 0) throw new Error(`slurmd failed (exit ${d.status}): ${d.stderr}\n${logs()}`);
    readPid('slurmd.pid');
    waitFor('the node idle (sinfo -h -o %T)', () => run('sinfo', ['-h', '-o', '%T']).stdout.trim() === 'idle', 20_000, logs);
    readPid('slurmd.pid');
  } catch (e) {
    stop();
    process.removeListener('exit', stop);
    throw e;
  }
  return {
    dir,
    env,
    node,
    run,
    logs,
    stop: () => {
      stop();
      process.removeListener('exit', stop);
    },
  };
}
