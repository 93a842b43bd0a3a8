/**
 * CPU time of processes from /proc (Linux), so a benchmark can say what each save costs the
 * server, the database and the load generator — figures that hold on a busy machine, where
 * throughput and latency do not.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { LoadResult } from './load';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ; 100 on every Linux this runs on). */
const TICKS = 100;

/**
 * User + system CPU milliseconds a process has used (with `reaped`, also that of its children
 * that have exited and been waited for), or 0 when it is gone.
 */
export function processCpuMs(pid: number, reaped = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')':
    // utime, stime, cutime, cstime are fields 14–17 of proc(5), here 11–14.
    const f = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    const ticks = (f[11] ?? 0) + (f[12] ?? 0) + (reaped ? (f[13] ?? 0) + (f[14] ?? 0) : 0);
    return (ticks * 1000) / TICKS;
  } catch {
    return 0;
  }
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function pids(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

/**
 * CPU milliseconds of a process and its direct children, living or exited (a PostgreSQL
 * postmaster and its backends: a backend whose connection closes takes its CPU time into the
 * postmaster's count of reaped children, so the sum never goes back).
 */
export function treeCpuMs(root: number): number {
  let ms = processCpuMs(root, true);
  for (const pid of pids()) if (parentOf(pid) === root) ms += processCpuMs(pid);
  return ms;
}

/** The PID of the PostgreSQL server listening on `port` (its command line carries `-p <port>`). */
export function postmasterOn(port: number): number | undefined {
  for (const pid of pids()) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (cmd[0]?.endsWith('postgres') && cmd.includes('-p') && cmd[cmd.indexOf('-p') + 1] === String(port))
        return pid;
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

/** This process's own CPU milliseconds (the load generator). */
export function selfCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** CPU milliseconds per operation, by process: what one save costs whom (holds on a busy machine too). */
export interface CpuPerOp {
  server?: number;
  postgres?: number;
  generator: number;
}

export type Measured = LoadResult & { cpu: CpuPerOp };

/** Reads CPU counters when a loop's measured window opens and closes (pass `window` to the loop). */
export function cpuMeter(serverPid: number | undefined, postmaster: number | undefined) {
  const read = () => ({
    server: serverPid ? processCpuMs(serverPid) : 0,
    postgres: postmaster ? treeCpuMs(postmaster) : 0,
    generator: selfCpuMs(),
  });
  let a = read();
  let b = a;
  return {
    window: {
      open: () => {
        a = read();
      },
      close: () => {
        b = read();
      },
    },
    result(r: LoadResult): Measured {
      const per = (k: 'server' | 'postgres' | 'generator') => (b[k] - a[k]) / Math.max(1, r.ok);
      return {
        ...r,
        cpu: {
          server: serverPid ? per('server') : undefined,
          postgres: postmaster ? per('postgres') : undefined,
          generator: per('generator'),
        },
      };
    },
  };
}

export type CpuMeter = ReturnType<typeof cpuMeter>;
