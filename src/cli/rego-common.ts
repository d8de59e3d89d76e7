// Shared by the `govern rego ...` and `govern policy test` commands: Rego errors as diagnostics.
import { formatDiagnostic, type Lang } from '../i18n/index.ts';
import type { RegoErrorDetail } from '../rego/index.ts';

const HINTS: Record<string, { zh: string; en: string }> = {
  rego_parse_error: { zh: '修正 Rego 语法（Rego v1：规则体前需要 if，部分集合规则用 contains）', en: 'fix the Rego syntax (Rego v1: `if` before rule bodies, `contains` for partial sets)' },
  rego_unsafe_var_error: { zh: '先给该变量赋值（:=、=、some ... in）再使用', en: 'bind the variable (:=, =, some ... in) before using it' },
  rego_recursion_error: { zh: '去掉规则之间的循环引用', en: 'remove the cycle between the rules' },
  rego_type_error: { zh: '检查函数名、参数个数和规则类型', en: 'check the function name, the number of arguments and the kind of rule' },
  rego_compile_error: { zh: '检查 with、import 与规则定义', en: 'check with, import and the rule definitions' },
  eval_conflict_error: { zh: '同一规则对同一输入只能产生一个值', en: 'a rule must produce one value for one input' },
  eval_builtin_error: { zh: '检查传给内置函数的参数', en: 'check the arguments passed to the built-in function' },
  eval_type_error: { zh: '检查传给内置函数的参数类型', en: 'check the types of the arguments passed to the built-in function' },
};

export function regoDiagnostic(e: RegoErrorDetail, lang: Lang): string {
  return formatDiagnostic(
    {
      code: e.code,
      severity: 'error',
      file: e.location?.file ?? '-',
      line: e.location?.row ?? 0,
      column: e.location?.col ?? 0,
      message: { zh: e.message, en: e.message },
      hint: HINTS[e.code],
    },
    lang,
  );
}
