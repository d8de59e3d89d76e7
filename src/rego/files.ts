// Loading Rego modules and JSON data documents from files and folders (for the CLI commands and
// the test runner). Node built-ins only, so that src/rego stays publishable on its own.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { RegoError } from './errors.ts';
import { parseJSON, RObject, type Value } from './value.ts';

export interface LoadedFiles {
  modules: { name: string; text: string }[];
  /** JSON documents merged at the root of `data` (objects merged key by key). */
  data: Value;
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
}

/** Reads .rego and .json files from the given files and folders (folders recursively). */
export function loadFiles(paths: string[], cwd: string): LoadedFiles {
  const files: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    const st = statSync(abs);
    if (st.isDirectory()) walk(abs, files);
    else files.push(abs);
  }
  const modules: { name: string; text: string }[] = [];
  let data: Value = new RObject();
  for (const f of files) {
    const name = relative(cwd, f) || f;
    if (f.endsWith('.rego')) modules.push({ name, text: readFileSync(f, 'utf8') });
    else if (f.endsWith('.json')) {
      let v: Value;
      try {
        v = parseJSON(readFileSync(f, 'utf8'));
      } catch (e) {
        throw new RegoError('rego_parse_error', `invalid JSON: ${(e as Error).message}`, { file: name, row: 1, col: 1 });
      }
      data = merge(data, v);
    }
  }
  return { modules, data };
}

function merge(a: Value, b: Value): Value {
  if (!(a instanceof RObject) || !(b instanceof RObject)) return b;
  const out = new RObject();
  for (const [k, v] of a) out.set(k, v);
  for (const [k, v] of b) {
    const prev = out.get(k);
    out.set(k, prev === undefined ? v : merge(prev, v));
  }
  return out;
}
