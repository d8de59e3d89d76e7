// src/policy: builds policy inputs from the loaded county, evaluates policies/ with src/rego and
// returns the typed decisions of `govern check` (CheckResult), plus their renderings. Its only public face.
export type { CheckResult, RequestDecision, RuleSeverity, Violation } from './types.ts';
export { isDenied } from './types.ts';
export { DecisionCache } from './cache.ts';
export { checkRepositoryParallel, PolicyWorker, type ParallelOptions } from './parallel.ts';
export { buildCatalog, PolicyDefect, renderTemplate, ruleKey, type Finding, type RuleMeta } from './catalog.ts';
export { buildIndex, openingsOf, requestInput, stateInput, type Opening, type PolicyIndex, type RequestInput, type StateInput } from './input.ts';
export {
  checkRepository,
  compilePolicies,
  lazyPolicies,
  policiesFor,
  DEFAULT_POLICIES_DIR,
  inventoryLocator,
  positionOf,
  readPolicyModules,
  type CheckOptions,
  type CompiledPolicies,
  type PolicyModule,
} from './evaluate.ts';
export { approvalText, articleName, chineseNumber, renderJson, renderMarkdown, renderSarif, renderText, toCheckJson, toSarif } from './format.ts';
