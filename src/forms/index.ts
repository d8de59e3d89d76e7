// Issue forms -> change requests, so that a unit without git skills can take part (architecture.md
// "The flow of one change", step 1). The forms are .github/ISSUE_TEMPLATE/*.yml; the form-to-pr
// workflow runs scripts/form-to-request.ts, which uses this module. Its only public face.
export { FORMS, chinaDate, convertIssue, type ConvertResult, type FiledIssue, type FormKind, type FormProblem } from './convert.ts';
export { commitMessage, renderFormReport } from './report.ts';
export { checkedBoxes, parseSections, tableRows, type Section } from './sections.ts';
export { readIssueForm, type FormField, type IssueFormTemplate } from './template.ts';
