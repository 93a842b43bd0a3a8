/**
 * CPU time of processes from /proc (Linux), so a benchmark can say what each save costs the
 * server, the database and the load generator — figures that hold on a busy machine, where
 * throughput and latency do not.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ; 100 on every Linux this runs on). */
const TICKS = 100;

/** User + system CPU milliseconds a process has used, or 0 when it is gone. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
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

/** CPU milliseconds of a process and its direct children (a PostgreSQL postmaster and its backends). */
export function treeCpuMs(root: number): number {
  let ms = processCpuMs(root);
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
