// The table of Rego built-in functions, keyed by OPA's name, assembled from one file per family.
// The evaluator imports BUILTINS; the language-level built-ins (unification, membership, walk,
// print, trace, rego.metadata.*, opa.runtime) are the evaluator's and are not here.
import type { BuiltinDef } from './types.ts';
import { builtins as arithmetic } from './arithmetic.ts';
import { builtins as comparison } from './comparison.ts';
import { builtins as aggregates } from './aggregates.ts';
import { builtins as strings } from './strings.ts';
import { builtins as sprintf } from './sprintf.ts';
import { builtins as regex } from './regex.ts';
import { builtins as glob } from './glob.ts';
import { builtins as net } from './net.ts';
import { builtins as time } from './time.ts';
import { builtins as objects } from './objects.ts';
import { builtins as json } from './json.ts';
import { builtins as uri } from './uri.ts';
import { builtins as template } from './template.ts';
import { builtins as globs } from './globs.ts';
import { builtins as jwt } from './jwt.ts';
import { builtins as x509 } from './x509.ts';
import { builtins as schema } from './schema.ts';
import { builtins as arrays } from './arrays.ts';
import { builtins as sets } from './sets.ts';
import { builtins as encoding } from './encoding.ts';
import { builtins as crypto } from './crypto.ts';
import { builtins as semver } from './semver.ts';
import { builtins as uuid } from './uuid.ts';
import { builtins as units } from './units.ts';
import { builtins as typecheck } from './typecheck.ts';
import { builtins as numbers } from './numbers.ts';
import { builtins as graph } from './graph.ts';
import { builtins as bits } from './bits.ts';
import { builtins as conversions } from './conversions.ts';

const families: readonly (readonly BuiltinDef[])[] = [
  arithmetic,
  comparison,
  aggregates,
  strings,
  sprintf,
  regex,
  glob,
  net,
  time,
  objects,
  json,
  uri,
  template,
  globs,
  jwt,
  x509,
  schema,
  arrays,
  sets,
  encoding,
  crypto,
  semver,
  uuid,
  units,
  typecheck,
  numbers,
  graph,
  bits,
  conversions,
];

function assemble(): Map<string, BuiltinDef> {
  const m = new Map<string, BuiltinDef>();
  for (const fam of families) {
    for (const def of fam) {
      // a duplicate name is a programming error: two families would disagree on semantics
      if (m.has(def.name)) throw new Error(`duplicate built-in ${def.name}`);
      m.set(def.name, def);
    }
  }
  return m;
}

export const BUILTINS: ReadonlyMap<string, BuiltinDef> = assemble();

export type { BuiltinDef, BuiltinContext, BuiltinImpl } from './types.ts';
export { BuiltinError } from './types.ts';
