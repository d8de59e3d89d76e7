// src/load: YAML files -> the county model, with positions, and every error collected and positioned.
// The only public face of the loader.
export { loadRepository, validatePaths, loadFile, type FileReport, type LoadResult, type LoadOptions } from './repository.ts';
export type { LoadedFile } from './file.ts';
export { parseYamlFile, type ParsedYaml, type ParseOptions } from './yaml.ts';
export { checkDocument, type Placement } from './document.ts';
export { MAX_ALIAS_COUNT, MAX_DEPTH, MAX_INVENTORY_BYTES, MAX_REQUEST_BYTES } from './limits.ts';
export { LOAD_MESSAGES, type LoadCode } from './messages.ts';
export { generateCounty, type GenerateOptions, type GenerateSummary } from './generate.ts';
