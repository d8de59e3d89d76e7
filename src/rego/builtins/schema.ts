// Rego built-ins json.verify_schema and json.match_schema: a JSON Schema (draft-07 core keywords)
// validator reporting errors as OPA does through gojsonschema ({desc, error, field, type}).
// Supported keywords: type, enum, const, properties, required, additionalProperties,
// patternProperties, items, minItems, maxItems, uniqueItems, minimum, maximum, exclusiveMinimum,
// exclusiveMaximum, multipleOf, minLength, maxLength, pattern, allOf, anyOf, oneOf, not,
// definitions/$defs with local "#/..." $ref. Other keywords are ignored (as unknown keywords are).
import { BigNum, RObject, RSet, compare, equal, parseJSON, toNumber, type Value } from '../value.ts';
import { arg, builtinErr, def, typeErr } from './args.ts';
import { goJSON } from './json.ts';
import { compileRE2 } from './regex.ts';
import { regoString } from './sprintf.ts';
import type { BuiltinDef } from './types.ts';

const TYPES = ['array', 'boolean', 'integer', 'number', 'null', 'object', 'string'];

class SchemaError extends Error {}

interface Failure {
  field: string;
  type: string;
  desc: string;
}

function asValue(fn: string, v: Value, pos: number): Value {
  if (typeof v === 'string') {
    try {
      return parseJSON(v);
    } catch (e) {
      throw builtinErr(fn, `operand ${pos}: ${(e as Error).message}`);
    }
  }
  if (v instanceof RObject || typeof v === 'boolean') return v;
  throw typeErr(fn, pos, v, 'string', 'object');
}

/** Compile-time checks gojsonschema makes (only the "type" keyword is checked strictly here). */
function checkSchema(s: Value): void {
  if (!(s instanceof RObject)) return;
  const t = s.getStr('type');
  for (const x of Array.isArray(t) ? t : t === undefined ? [] : [t]) {
    if (typeof x !== 'string' || !TYPES.includes(x)) {
      throw new SchemaError(`has a primitive type that is NOT VALID -- given: /${typeof x === 'string' ? x : goJSON(x)}/ Expected valid values are:[${TYPES.join(' ')}]`);
    }
  }
  for (const [k, v] of s.entries()) {
    if (k === 'enum' || k === 'const' || k === 'default' || k === 'examples') continue;
    if (k === 'properties' || k === 'patternProperties' || k === 'definitions' || k === '$defs') {
      if (v instanceof RObject) for (const [, sub] of v.entries()) checkSchema(sub);
    } else if (Array.isArray(v)) v.forEach(checkSchema);
    else checkSchema(v);
  }
}

const typeOf = (v: Value): string => {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number' || v instanceof BigNum) return Number.isInteger(toNumber(v)) ? 'integer' : 'number';
  if (Array.isArray(v) || v instanceof RSet) return 'array';
  return 'object';
};

const fieldOf = (path: string[]): string => (path.length === 0 ? '(root)' : path.join('.'));
const numText = (v: Value): string => regoString(v);

function validate(root: Value, s: Value, v: Value, path: string[], out: Failure[]): void {
  if (s === true || s === undefined) return;
  const fail = (type: string, desc: string): void => {
    out.push({ field: fieldOf(path), type, desc });
  };
  if (s === false) return fail('false', 'False always fails validation');
  if (!(s instanceof RObject)) return;
  const ref = s.getStr('$ref');
  if (typeof ref === 'string' && ref.startsWith('#')) {
    let target: Value | undefined = root;
    for (const seg of ref.slice(1).split('/').filter((x) => x !== '')) {
      target = target instanceof RObject ? target.getStr(seg.replace(/~1/g, '/').replace(/~0/g, '~')) : undefined;
    }
    if (target === undefined) throw new SchemaError(`Object has no key '${ref}'`);
    validate(root, target, v, path, out);
    return;
  }
  const t = s.getStr('type');
  if (t !== undefined) {
    const want = (Array.isArray(t) ? t : [t]) as string[];
    const got = typeOf(v);
    if (!want.includes(got) && !(got === 'integer' && want.includes('number'))) {
      return fail('invalid_type', `Invalid type. Expected: ${want.join(', ')}, given: ${got}`);
    }
  }
  const en = s.getStr('enum');
  if (Array.isArray(en) && !en.some((x) => equal(x, v))) {
    fail('enum', `${fieldOf(path)} must be one of the following: ${en.map((x) => goJSON(x)).join(', ')}`);
  }
  const cn = s.getStr('const');
  if (cn !== undefined && !equal(cn, v)) fail('const', `${fieldOf(path)} does not match: ${goJSON(cn)}`);
  if (typeof v === 'number' || v instanceof BigNum) {
    const bound = (k: string, ok: (c: number) => boolean, type: string, text: string): void => {
      const b = s.getStr(k);
      if ((typeof b === 'number' || b instanceof BigNum) && !ok(compare(v, b))) fail(type, `${text} ${numText(b)}`);
    };
    bound('minimum', (c) => c >= 0, 'number_gte', 'Must be greater than or equal to');
    bound('maximum', (c) => c <= 0, 'number_lte', 'Must be less than or equal to');
    bound('exclusiveMinimum', (c) => c > 0, 'number_gt', 'Must be greater than');
    bound('exclusiveMaximum', (c) => c < 0, 'number_lt', 'Must be less than');
    const mo = s.getStr('multipleOf');
    if ((typeof mo === 'number' || mo instanceof BigNum) && !Number.isInteger(toNumber(v) / toNumber(mo))) {
      fail('multiple_of', `Must be a multiple of ${numText(mo)}`);
    }
  }
  if (typeof v === 'string') {
    const len = Array.from(v).length;
    const minL = s.getStr('minLength');
    if (typeof minL === 'number' && len < minL) fail('string_gte', `String length must be greater than or equal to ${minL}`);
    const maxL = s.getStr('maxLength');
    if (typeof maxL === 'number' && len > maxL) fail('string_lte', `String length must be less than or equal to ${maxL}`);
    const pat = s.getStr('pattern');
    if (typeof pat === 'string') {
      const re = compileRE2('json.match_schema', pat);
      re.lastIndex = 0;
      if (!re.test(v)) fail('pattern', `Does not match pattern '${pat}'`);
    }
  }
  if (Array.isArray(v)) {
    const minI = s.getStr('minItems');
    if (typeof minI === 'number' && v.length < minI) fail('array_min_items', `Array must have at least ${minI} items`);
    const maxI = s.getStr('maxItems');
    if (typeof maxI === 'number' && v.length > maxI) fail('array_max_items', `Array must have at most ${maxI} items`);
    if (s.getStr('uniqueItems') === true) {
      for (let i = 0; i < v.length; i++) {
        for (let k = i + 1; k < v.length; k++) if (equal(v[i]!, v[k]!)) fail('unique', `array items[${i},${k}] must be unique`);
      }
    }
    const items = s.getStr('items');
    if (Array.isArray(items)) v.forEach((x, i) => items[i] !== undefined && validate(root, items[i], x, [...path, String(i)], out));
    else if (items !== undefined) v.forEach((x, i) => validate(root, items, x, [...path, String(i)], out));
  }
  if (v instanceof RObject) {
    const req = s.getStr('required');
    if (Array.isArray(req)) for (const r of req) if (typeof r === 'string' && !v.has(r)) fail('required', `${r} is required`);
    const props = s.getStr('properties');
    const pprops = s.getStr('patternProperties');
    const addl = s.getStr('additionalProperties');
    for (const [k, x] of v.entries()) {
      const key = typeof k === 'string' ? k : goJSON(k);
      let matched = false;
      if (props instanceof RObject && props.has(k)) {
        matched = true;
        validate(root, props.get(k)!, x, [...path, key], out);
      }
      if (pprops instanceof RObject) {
        for (const [p, sub] of pprops.entries()) {
          const re = compileRE2('json.match_schema', String(p));
          re.lastIndex = 0;
          if (re.test(key)) {
            matched = true;
            validate(root, sub, x, [...path, key], out);
          }
        }
      }
      if (!matched && addl !== undefined) {
        if (addl === false) fail('additional_property_not_allowed', `Additional property ${key} is not allowed`);
        else validate(root, addl, x, [...path, key], out);
      }
    }
  }
  const sub = (x: Value): Failure[] => {
    const o: Failure[] = [];
    validate(root, x, v, path, o);
    return o;
  };
  const allOf = s.getStr('allOf');
  if (Array.isArray(allOf) && allOf.some((x) => sub(x).length > 0)) fail('number_all_of', 'Must validate all the schemas (allOf)');
  const anyOf = s.getStr('anyOf');
  if (Array.isArray(anyOf) && !anyOf.some((x) => sub(x).length === 0)) fail('number_any_of', 'Must validate at least one schema (anyOf)');
  const oneOf = s.getStr('oneOf');
  if (Array.isArray(oneOf) && oneOf.filter((x) => sub(x).length === 0).length !== 1) fail('number_one_of', 'Must validate one and only one schema (oneOf)');
  const not = s.getStr('not');
  if (not !== undefined && sub(not).length === 0) fail('number_not', 'Must not validate the schema (not)');
}

function schemaOperand(fn: string, v: Value, pos: number): Value {
  const s = asValue(fn, v, pos);
  checkSchema(s);
  return s;
}

export const builtins: readonly BuiltinDef[] = [
  def('json.verify_schema', 1, (args) => {
    const fn = 'json.verify_schema';
    try {
      schemaOperand(fn, arg(args, 0), 1);
      return [true, null];
    } catch (e) {
      if (e instanceof SchemaError) return [false, `jsonschema: ${e.message}`];
      throw e;
    }
  }),
  def('json.match_schema', 2, (args) => {
    const fn = 'json.match_schema';
    const d = arg(args, 0);
    const doc = typeof d === 'string' ? asValue(fn, d, 1) : d;
    let schema: Value;
    const failures: Failure[] = [];
    try {
      schema = schemaOperand(fn, arg(args, 1), 2);
      validate(schema, schema, doc, [], failures);
    } catch (e) {
      if (e instanceof SchemaError) throw builtinErr(fn, e.message);
      throw e;
    }
    const errs = failures.map(
      (f) =>
        new RObject([
          ['desc', f.desc],
          ['error', `${f.field}: ${f.desc}`],
          ['field', f.field],
          ['type', f.type],
        ]),
    );
    return [errs.length === 0, errs];
  }),
];
