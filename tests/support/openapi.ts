// Validation of the local GitHub server's traffic against GitHub's own OpenAPI description
// (@octokit/openapi, api.github.com.deref.json: ~73 MB). The file is parsed once per test process and
// only the operations the server serves are kept; that subset is cached in os.tmpdir() keyed by the
// package version and the operation list, so later processes skip the big parse.
import { Ajv, type ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Operation {
  readonly method: Method;
  /** Path template as in the description, e.g. /repos/{owner}/{repo}/pulls/{pull_number}. */
  readonly path: string;
}

type Schema = Record<string, unknown>;

interface OperationSubset {
  readonly operationId: string;
  /** status -> JSON schema of the application/json body (null when the status has no body). */
  readonly responses: Record<string, Schema | null>;
  readonly requestBody: Schema | null;
}

export interface OpenApiValidator {
  /** Errors of a response body for this operation and status; [] when valid. */
  response(op: Operation, status: number, body: unknown): string[];
  /** Errors of a request body; [] when valid. */
  request(op: Operation, body: unknown): string[];
  /** Whether the description documents this status for the operation. */
  documents(op: Operation, status: number): boolean;
  readonly loadMs: number;
  readonly fromCache: boolean;
}

const require = createRequire(import.meta.url);

function openApiDir(): { file: string; version: string } {
  const pkg = require.resolve('@octokit/openapi/package.json');
  const version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  return { file: join(dirname(pkg), 'generated', 'api.github.com.deref.json'), version };
}

function extract(ops: readonly Operation[]): Record<string, OperationSubset> {
  const { file } = openApiDir();
  const spec = JSON.parse(readFileSync(file, 'utf8')) as { paths: Record<string, Record<string, Schema>> };
  const out: Record<string, OperationSubset> = {};
  for (const op of ops) {
    const o = spec.paths[op.path]?.[op.method] as
      | { operationId: string; responses: Record<string, { content?: Record<string, { schema?: Schema }> }>; requestBody?: { content?: Record<string, { schema?: Schema }> } }
      | undefined;
    if (!o) throw new Error(`the GitHub OpenAPI description has no operation ${op.method.toUpperCase()} ${op.path}`);
    const responses: Record<string, Schema | null> = {};
    for (const [status, r] of Object.entries(o.responses)) responses[status] = r.content?.['application/json']?.schema ?? null;
    out[key(op)] = { operationId: o.operationId, responses, requestBody: o.requestBody?.content?.['application/json']?.schema ?? null };
  }
  return out;
}

const key = (op: Operation): string => `${op.method.toUpperCase()} ${op.path}`;

/**
 * OpenAPI 3.0 `nullable: true` -> JSON Schema: Ajv knows `nullable` only beside `type`, and GitHub also
 * puts it beside allOf/anyOf/enum, so it is rewritten everywhere before compiling.
 */
function toJsonSchema(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(toJsonSchema);
  if (s === null || typeof s !== 'object') return s;
  const out: Schema = {};
  for (const [k, v] of Object.entries(s as Schema)) {
    if (k === 'nullable' || k === 'example' || k === 'examples') continue;
    out[k] = k === 'properties' || k === 'patternProperties' ? mapValues(v as Schema) : toJsonSchema(v);
  }
  if ((s as Schema).nullable !== true) return out;
  if (typeof out.type === 'string' && !out.enum) return { ...out, type: [out.type, 'null'] };
  return { anyOf: [out, { type: 'null' }] };
}

function mapValues(o: Schema): Schema {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, toJsonSchema(v)]));
}

let cached: { ops: string; validator: OpenApiValidator } | undefined;

export function openApiValidator(ops: readonly Operation[]): OpenApiValidator {
  const opsKey = ops.map(key).sort().join('\n');
  if (cached?.ops === opsKey) return cached.validator;
  const started = performance.now();
  const { version } = openApiDir();
  const hash = createHash('sha256').update(opsKey).digest('hex').slice(0, 16);
  const cacheFile = join(tmpdir(), `govern-openapi-${version}-${hash}.json`);
  let subset: Record<string, OperationSubset>;
  let fromCache = false;
  if (existsSync(cacheFile)) {
    subset = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, OperationSubset>;
    fromCache = true;
  } else {
    subset = extract(ops);
    // Write then rename, so a parallel test process never reads half a file.
    const tmp = `${cacheFile}.${process.pid}`;
    writeFileSync(tmp, JSON.stringify(subset));
    renameSync(tmp, cacheFile);
  }
  // GitHub's schemas use OpenAPI keywords Ajv does not know (x-github, deprecated, ...): strict off.
  const ajv = new Ajv({ strict: false, allErrors: false, logger: false });
  // ajv-formats is CommonJS with a `default` export; under NodeNext the default import is the module.
  const addFormats = formatsPlugin.default;
  addFormats(ajv);
  const compiled = new Map<string, ValidateFunction>();
  const compile = (id: string, schema: Schema): ValidateFunction => {
    const known = compiled.get(id);
    if (known) return known;
    const v = ajv.compile(toJsonSchema(schema) as Schema);
    compiled.set(id, v);
    return v;
  };
  const check = (id: string, schema: Schema | null | undefined, body: unknown): string[] => {
    if (!schema) return body === undefined || body === '' ? [] : [`${id}: the description defines no JSON body, but one was sent`];
    const v = compile(id, schema);
    if (v(body)) return [];
    return (v.errors ?? []).slice(0, 20).map((e) => `${id}: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  };
  const find = (op: Operation): OperationSubset => {
    const o = subset[key(op)];
    if (!o) throw new Error(`operation ${key(op)} was not extracted; add it to the server's operation list`);
    return o;
  };
  const validator: OpenApiValidator = {
    response: (op, status, body) => {
      const o = find(op);
      if (!(String(status) in o.responses)) return [`${o.operationId}: GitHub does not document status ${status} for this operation`];
      return check(`${o.operationId} ${status}`, o.responses[String(status)], body);
    },
    request: (op, body) => check(`${find(op).operationId} request`, find(op).requestBody, body),
    documents: (op, status) => String(status) in find(op).responses,
    loadMs: performance.now() - started,
    fromCache,
  };
  cached = { ops: opsKey, validator };
  return validator;
}
