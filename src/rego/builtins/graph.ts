// Rego built-ins: graph.reachable and graph.reachable_paths over an adjacency object
// {node: set or array of neighbours}; a node missing from the object has no edges.
import { RObject, RSet, type Value } from '../value.ts';
import { collArg, def, objArg, typeErr } from './args.ts';
import type { BuiltinDef } from './types.ts';

function edges(fn: string, v: Value | undefined): Value[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  if (v instanceof RSet) return v.sorted();
  throw typeErr(fn, 1, v, 'set', 'array');
}

function initial(fn: string, args: Value[]): Value[] {
  return collArg(fn, args, 1, ['set', 'array']);
}

function reachable(args: Value[]): RSet {
  const fn = 'graph.reachable';
  const g = objArg(fn, args, 0);
  const queue = [...initial(fn, args)];
  const out = new RSet();
  while (queue.length > 0) {
    const n = queue.shift()!;
    if (out.has(n) || !g.has(n)) continue;
    out.add(n);
    queue.push(...edges(fn, g.get(n)));
  }
  return out;
}

function reachablePaths(args: Value[]): RSet {
  const fn = 'graph.reachable_paths';
  const g: RObject = objArg(fn, args, 0);
  const out = new RSet();
  // paths end at a node without edges, at a node outside the graph (excluded), or where a cycle closes
  const walk = (node: Value, path: Value[], onPath: RSet): void => {
    if (!g.has(node)) {
      if (path.length > 0) out.add(path);
      return;
    }
    const next = [...path, node];
    const es = edges(fn, g.get(node));
    if (es.length === 0) {
      out.add(next);
      return;
    }
    const seen = new RSet(onPath);
    seen.add(node);
    for (const e of es) {
      if (seen.has(e)) out.add(next);
      else walk(e, next, seen);
    }
  };
  for (const n of initial(fn, args)) walk(n, [], new RSet());
  return out;
}

export const builtins: readonly BuiltinDef[] = [def('graph.reachable', 2, reachable), def('graph.reachable_paths', 2, reachablePaths)];
