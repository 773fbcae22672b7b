import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

/** Busy and total CPU time over every core so far, in ms. */
function readCpuTimes(): { busyMs: number; totalMs: number } {
  let busyMs = 0;
  let totalMs = 0;
  for (const { times } of cpus()) {
    const total = times.user + times.nice + times.sys + times.irq + times.idle;
    totalMs += total;
    busyMs += total - times.idle;
  }
  return { busyMs, totalMs };
}

/**
 * The share of the machine's CPU time (0–100, all cores) spent busy during the next
 * `durationMs`: what else runs on the machine while the benchmark is idle, since the load
 * numbers mean little when other work competes for the same cores.
 */
export async function measureCpuBusy(durationMs: number): Promise<number> {
  const before = readCpuTimes();
  await sleep(durationMs);
  const after = readCpuTimes();
  const totalMs = after.totalMs - before.totalMs;
  return totalMs <= 0 ? 0 : (100 * (after.busyMs - before.busyMs)) / totalMs;
}

// Linux reports process CPU time in clock ticks of 1/100 s (USER_HZ, the same on every common
// architecture).
const msPerClockTick = 10;

/**
 * CPU time (user + system, in ms) used so far by process `pid` and every process under it (a
 * cluster's workers), read from /proc; NaN where there is no /proc (not Linux) or `pid` is gone.
 */
export function readProcessTreeCpuMs(pid: number): number {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return Number.NaN;
  }
  const stats = new Map<number, { parent: number; cpuMs: number }>();
  for (const entry of entries) {
    let text: string;
    try {
      text = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // it exited while we looked
    }
    // The command name may hold spaces and parentheses; the fields after its last ")" do not.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    stats.set(Number(entry), { parent: Number(fields[1]), cpuMs: ticks * msPerClockTick });
  }
  if (!stats.has(pid)) return Number.NaN;
  let totalMs = 0;
  const pending = [pid];
  while (pending.length > 0) {
    const current = pending.pop()!;
    totalMs += stats.get(current)?.cpuMs ?? 0;
    for (const [child, { parent }] of stats) if (parent === current) pending.push(child);
  }
  return totalMs;
}
