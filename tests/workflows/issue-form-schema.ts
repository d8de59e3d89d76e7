// The syntax of GitHub issue forms and of ISSUE_TEMPLATE/config.yml, as GitHub documents it
// ("Syntax for issue forms", "Syntax for GitHub's form schema"). action-validator covers workflows
// and actions only, so the forms are held to this schema: unknown keys are errors, as GitHub rejects
// them and silently falls back to a blank issue.
import { z } from 'zod';

const Id = z.string().regex(/^[A-Za-z0-9_-]+$/, 'ids contain only letters, digits, - and _');
const Validations = z.strictObject({ required: z.boolean().optional() });

const Markdown = z.strictObject({
  type: z.literal('markdown'),
  id: Id.optional(),
  attributes: z.strictObject({ value: z.string().min(1) }),
});

const Textarea = z.strictObject({
  type: z.literal('textarea'),
  id: Id.optional(),
  attributes: z.strictObject({
    label: z.string().min(1),
    description: z.string().optional(),
    placeholder: z.string().optional(),
    value: z.string().optional(),
    render: z.string().optional(),
  }),
  validations: Validations.optional(),
});

const Input = z.strictObject({
  type: z.literal('input'),
  id: Id.optional(),
  attributes: z.strictObject({
    label: z.string().min(1),
    description: z.string().optional(),
    placeholder: z.string().optional(),
    value: z.string().optional(),
  }),
  validations: Validations.optional(),
});

const Dropdown = z.strictObject({
  type: z.literal('dropdown'),
  id: Id.optional(),
  attributes: z
    .strictObject({
      label: z.string().min(1),
      description: z.string().optional(),
      multiple: z.boolean().optional(),
      options: z.array(z.string().min(1)).min(1),
      default: z.number().int().min(0).optional(),
    })
    .refine((a) => new Set(a.options).size === a.options.length, 'dropdown options must be unique')
    .refine((a) => a.default === undefined || a.default < a.options.length, 'default must index an option'),
  validations: Validations.optional(),
});

const Checkboxes = z.strictObject({
  type: z.literal('checkboxes'),
  id: Id.optional(),
  attributes: z.strictObject({
    label: z.string().min(1),
    description: z.string().optional(),
    options: z.array(z.strictObject({ label: z.string().min(1), required: z.boolean().optional() })).min(1),
  }),
  validations: Validations.optional(),
});

const Element = z.discriminatedUnion('type', [Markdown, Textarea, Input, Dropdown, Checkboxes]);

export const IssueForm = z
  .strictObject({
    name: z.string().min(1),
    description: z.string().min(1),
    title: z.string().optional(),
    labels: z.union([z.array(z.string().min(1)), z.string()]).optional(),
    assignees: z.union([z.array(z.string().min(1)), z.string()]).optional(),
    projects: z.union([z.array(z.string()), z.string()]).optional(),
    type: z.string().optional(),
    body: z.array(Element).min(1),
  })
  .superRefine((form, ctx) => {
    // GitHub: ids and labels must be unique; a form needs at least one non-markdown field.
    const ids = form.body.map((e) => e.id).filter((x): x is string => x !== undefined);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', message: 'body ids must be unique', path: ['body'] });
    const labels = form.body.flatMap((e) => (e.type === 'markdown' ? [] : [e.attributes.label]));
    if (new Set(labels).size !== labels.length) ctx.addIssue({ code: 'custom', message: 'body labels must be unique', path: ['body'] });
    if (labels.length === 0) ctx.addIssue({ code: 'custom', message: 'a form needs at least one field that is not markdown', path: ['body'] });
  });

export const IssueTemplateConfig = z.strictObject({
  blank_issues_enabled: z.boolean().optional(),
  contact_links: z.array(z.strictObject({ name: z.string().min(1), url: z.string().url(), about: z.string().min(1) })).optional(),
});
