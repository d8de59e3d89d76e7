// The timeline of a run (src/timing.ts): recorded only with GOVERN_TIMING=1, printed in time order
// with the thread of each phase, and a worker's marks merged into the main thread's.
import { afterEach, describe, expect, it } from 'vitest';
import { addMarks, mark, marksSoFar, timeline } from '../../src/timing.ts';

const saved = process.env.GOVERN_TIMING;
afterEach(() => {
  if (saved === undefined) delete process.env.GOVERN_TIMING;
  else process.env.GOVERN_TIMING = saved;
});

describe('the timeline of a run', () => {
  it('records nothing unless GOVERN_TIMING=1', () => {
    delete process.env.GOVERN_TIMING;
    const before = marksSoFar().length;
    mark('loaded');
    expect(marksSoFar().length).toBe(before);
  });

  it('lists the phases of both threads in time order, with the time since the process started', () => {
    process.env.GOVERN_TIMING = '1';
    mark('loaded');
    const loaded = marksSoFar().at(-1)!.at;
    addMarks([{ what: 'worker compiled the policies', thread: 'worker', at: loaded + 0.001 }]);
    while (performance.timeOrigin + performance.now() < loaded + 0.002); // the next mark comes later
    mark('answered');
    const all = timeline().split('\n');
    expect(all.at(-1)).toMatch(/^cpu \d+ ms \(user \d+, system \d+\)$/);
    const lines = all.slice(-4, -1);
    expect(lines.map((l) => l.replace(/^\s*\d+ ms\s+\+\s*\d+\s+/, ''))).toEqual(['main    loaded', 'worker  worker compiled the policies', 'main    answered']);
    const times = lines.map((l) => Number(/^\s*(\d+) ms/.exec(l)![1]));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });
});
