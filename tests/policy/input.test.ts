// The policy inputs of a check of a few requests (src/policy/input.ts) are made without making the
// county's every opening, and are exactly those made with every opening at hand: the same openings
// of other requests to a request's destinations, the same openings that can overlap the checked
// ones, in the same order, grouped the same way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Repository } from '../../src/model/index.ts';
import { buildIndex, requestInput, stateInput, type Opening, type StateInput } from '../../src/policy/index.ts';
import { addFixture, AS_OF, copyCounty, loadCounty, removeCounty } from './county.ts';

let dir: string;
let repo: Repository;

beforeAll(async () => {
  dir = copyCounty();
  // openings that duplicate and cover others, and a request denied by the policies
  for (const f of ['missing-purpose', 'mysql-to-internet', 'clean-port', 'any-port', 'any-source-8080']) addFixture(dir, f);
  repo = await loadCounty(dir);
});
afterAll(() => removeCounty(dir));

const key = (o: Opening): string => `${o.layer} ${o.destination.address} ${o.source.zone}`;

/** The pairs [i, j] where opening j may cover opening i, by their definition: every pair compared. */
function candidates(openings: readonly Opening[]): [number, number][] {
  const out: [number, number][] = [];
  openings.forEach((a, i) => openings.forEach((b, j) => i !== j && key(a) === key(b) && b.from <= a.from && a.to <= b.to && out.push([i, j])));
  return out;
}

/** What a check of `focus` gives the state rules, taken from the whole state's input: the openings that can overlap a focused one, in order, and their candidate pairs. */
function focused(all: StateInput, focus: ReadonlySet<string>): Pick<StateInput, 'openings' | 'coverCandidates'> {
  const keys = new Set(all.openings.filter((o) => focus.has(o.request)).map(key));
  const openings = all.openings.filter((o) => keys.has(key(o)));
  return { openings, coverCandidates: candidates(openings) };
}

describe('the inputs of a check of a few requests', () => {
  it('are those made with every opening of the county at hand, for each request', () => {
    const full = buildIndex(repo);
    expect(full.openings.length).toBeGreaterThan(0); // made: every opening at hand
    const decisions = new Map<string, 'allow' | 'deny'>();
    let overlapping = 0;
    for (const r of repo.requests) {
      const lazy = buildIndex(repo);
      const focus = new Set([r.doc.id]);
      expect(requestInput(lazy, r, AS_OF)).toEqual(requestInput(full, r, AS_OF));
      const s = stateInput(lazy, decisions, AS_OF, focus);
      expect(s).toEqual(stateInput(full, decisions, AS_OF, focus));
      expect({ openings: s.openings, coverCandidates: s.coverCandidates }).toEqual(focused(stateInput(full, decisions, AS_OF), focus));
      if (s.coverCandidates.length > 0) overlapping++;
    }
    expect(overlapping).toBeGreaterThan(0); // some checked request's openings can overlap others'
  });

  it('pair every two openings of the whole state that may cover one another, as their definition does', () => {
    const all = stateInput(buildIndex(repo), new Map(), AS_OF);
    expect(all.coverCandidates.length).toBeGreaterThan(0);
    expect(all.coverCandidates).toEqual(candidates(all.openings));
  });

  it('of several requests at once are those made with every opening at hand', () => {
    const focus = new Set(repo.requests.filter((_, i) => i % 3 === 0).map((r) => r.doc.id));
    const s = stateInput(buildIndex(repo), new Map(), AS_OF, focus);
    expect({ openings: s.openings, coverCandidates: s.coverCandidates }).toEqual(focused(stateInput(buildIndex(repo), new Map(), AS_OF), focus));
    expect(s.openings.length).toBeGreaterThan(1);
  });
});
