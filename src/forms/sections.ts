// The body GitHub writes for a filed issue form: one `### <label>` heading per field, then the
// answer; "_No response_" for an optional field left empty; "- [X] <label>" for a ticked checkbox.
// Parsed by label because that is all the body carries (ids are not in it).

export interface Section {
  /** The answer, trimmed; "" when empty or "_No response_". */
  readonly text: string;
  /** 1-based line in the issue body where the answer starts (the line after the heading). */
  readonly line: number;
}

const NO_RESPONSE = '_No response_';

export function parseSections(body: string): Map<string, Section> {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const out = new Map<string, Section>();
  let label: string | undefined;
  let start = 0;
  let buf: string[] = [];
  const flush = (): void => {
    if (label === undefined) return;
    // Leading blank lines shift where the answer starts; count them so rows point at the right line.
    let first = 0;
    while (first < buf.length && buf[first]!.trim() === '') first++;
    const text = buf.join('\n').trim();
    out.set(label, { text: text === NO_RESPONSE ? '' : text, line: start + first });
  };
  lines.forEach((l, i) => {
    const m = /^###\s+(.+?)\s*$/.exec(l);
    if (m) {
      flush();
      label = m[1]!;
      start = i + 2;
      buf = [];
    } else if (label !== undefined) {
      buf.push(l);
    }
  });
  flush();
  return out;
}

/** Rows of a table answer: non-empty lines, split on | (or the full-width ｜), cells trimmed. A code fence a filer pasted around the rows is ignored. */
export function tableRows(s: Section): { cells: string[]; line: number }[] {
  const rows: { cells: string[]; line: number }[] = [];
  s.text.split('\n').forEach((l, i) => {
    const t = l.trim();
    if (t === '' || t.startsWith('```') || t.startsWith('#')) return;
    rows.push({ cells: t.split(/[|｜]/).map((c) => c.trim()), line: s.line + i });
  });
  return rows;
}

/** Ticked boxes of a checkboxes answer. */
export function checkedBoxes(s: Section | undefined): string[] {
  if (!s) return [];
  return s.text
    .split('\n')
    .map((l) => /^\s*-\s*\[[xX]\]\s*(.+?)\s*$/.exec(l)?.[1])
    .filter((x): x is string => x !== undefined);
}
