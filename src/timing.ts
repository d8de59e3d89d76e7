// Where a run's time goes, for the people tuning it: with GOVERN_TIMING=1 in the environment,
// commands mark the end of each phase (mark) on whichever thread runs it, and `govern check`
// prints the timeline on stderr (timeline), in milliseconds since the process started. Nothing is
// recorded otherwise; the marks never change what a command does.
import { isMainThread } from 'node:worker_threads';

/** One phase's end: what, on which thread, when (ms since the epoch, comparable across threads). */
export interface Mark {
  readonly what: string;
  readonly thread: 'main' | 'worker';
  readonly at: number;
}

const marks: Mark[] = [];

export function timingOn(): boolean {
  return process.env.GOVERN_TIMING === '1';
}

/** Records the end of a phase (when GOVERN_TIMING=1). */
export function mark(what: string): void {
  if (timingOn()) marks.push({ what, thread: isMainThread ? 'main' : 'worker', at: performance.timeOrigin + performance.now() });
}

/** The marks of this thread (a worker sends them with its reply). */
export function marksSoFar(): readonly Mark[] {
  return marks;
}

/** Takes the marks another thread sent (a worker's, in its reply). */
export function addMarks(more: readonly Mark[] | undefined): void {
  if (more) marks.push(...more);
}

/**
 * The timeline, one line per mark in time order: ms since the process started, the gap since the
 * previous mark on its thread, thread, phase; then the CPU time of the process (all its threads).
 */
export function timeline(): string {
  const start = performance.timeOrigin;
  const last: Record<string, number> = {};
  const cpu = process.cpuUsage();
  const lines = [...marks]
    .sort((a, b) => a.at - b.at)
    .map((m) => {
      const since = m.at - (last[m.thread] ?? start);
      last[m.thread] = m.at;
      return `${(m.at - start).toFixed(0).padStart(6)} ms  +${since.toFixed(0).padStart(5)}  ${m.thread.padEnd(6)}  ${m.what}`;
    });
  return [...lines, `cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms (user ${(cpu.user / 1000).toFixed(0)}, system ${(cpu.system / 1000).toFixed(0)})`].join('\n');
}
