/**
 * GitHub-flavoured Markdown building blocks for reports meant to be posted as pull-request
 * comments: code spans that survive any name, table cells that a `|` cannot split.
 */

/** An inline code span; a name holding a backtick gets a longer fence, as CommonMark allows. */
export function code(text: string): string {
  const longest = text.includes('`') ? Math.max(...[...text.matchAll(/`+/g)].map((m) => m[0].length)) : 0;
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 || text.startsWith(' ') || text.endsWith(' ') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Plain text that Markdown must not read as emphasis, code, links or HTML (a glob's `*`). `_`
 * stays: GFM never reads it as emphasis inside a word (`bind_secret_id`), and names have it there.
 */
export function escapeText(text: string): string {
  return text.replace(/[\\`*[\]<>]/g, (c) => `\\${c}`);
}

/** Text for one table cell: `|` escaped (GFM splits on it even inside code spans), no line breaks. */
function cell(text: string): string {
  // Most cells hold neither: skip the two rewrites (a report has tens of thousands of cells).
  if (!text.includes('\n') && !text.includes('|')) return text;
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [tableRow(headers), `|${headers.map(() => ' --- |').join('')}`, ...rows.map(tableRow)];
}

/** One row of a table (the lines after its header). */
export function tableRow(cells: readonly string[]): string {
  if (cells.length === 0) return '|  |';
  // Concatenated in place: reports write tens of thousands of rows.
  let row = '|';
  for (const text of cells) row += ` ${cell(text)} |`;
  return row;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `a`, `a and b`, `a, b and c`. */
export function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
