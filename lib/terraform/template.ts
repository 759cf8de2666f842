/**
 * Terraform's string templates, as both of its syntaxes read them.
 *
 * Terraform reads every string of a resource, data source, provider or output in Terraform JSON
 * (`cdk.tf.json`) as a template, exactly like a quoted string in HCL: `${ expr }` interpolates,
 * `%{ ... }` is a directive, and `$${` / `%%{` stand for a literal `${` / `%{`. The one difference
 * is that JSON strings have already lost their JSON escapes, so a template taken from JSON has no
 * backslash escapes of its own (a `\` is a backslash), while a quoted HCL string does.
 *
 * `splitTemplate` cuts a template's source into literal runs and `${…}` / `%{…}` sequences the way
 * HashiCorp's scanner does (hclsyntax, scan_tokens.rl: `TemplateNotInterp = '$' (^'{' | "${")`),
 * so the HCL writer can escape the literal runs for a quoted string and copy every sequence
 * verbatim. `escapeTemplateLiteral` turns plain text into a template that means that text.
 */

export type TemplatePart =
  /** Literal text as written in the template source: `$${` and `%%{` escapes are kept as they are. */
  | { readonly kind: 'literal'; readonly source: string }
  /** `${ expr }`: `expression` is the source between the delimiters and strip markers, trimmed. */
  | { readonly kind: 'interpolation'; readonly source: string; readonly expression: string }
  /** `%{ if … }`, `%{ for … }`, `%{ endif }`, …: copied as written. */
  | { readonly kind: 'directive'; readonly source: string };

/** Thrown for a template Terraform itself could not parse, or one the writer does not support. */
export class TemplateSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateSyntaxError';
  }
}

/** Splits a template source into literal runs and sequences; concatenating the parts' sources gives `source` back. */
export function splitTemplate(source: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if ((c === '$' || c === '%') && source[i + 1] === c && source[i + 2] === '{') {
      // `$${` / `%%{`: an escaped sequence opener, literal text.
      literal += source.slice(i, i + 3);
      i += 3;
    } else if ((c === '$' || c === '%') && source[i + 1] === '{') {
      if (literal !== '') parts.push({ kind: 'literal', source: literal });
      literal = '';
      const end = sequenceEnd(source, i + 2);
      const text = source.slice(i, end);
      if (c === '$') {
        parts.push({ kind: 'interpolation', source: text, expression: text.slice(2, -1).replace(/^~/, '').replace(/~$/, '').trim() });
      } else {
        parts.push({ kind: 'directive', source: text });
      }
      i = end;
    } else {
      literal += c;
      i += 1;
    }
  }
  if (literal !== '') parts.push({ kind: 'literal', source: literal });
  return parts;
}

/**
 * Index just past the `}` closing a sequence whose body starts at `start`. The body is an HCL
 * expression: braces nest (object constructors), and quoted strings may hold braces and nested
 * templates of their own. Comments and heredocs inside a sequence are refused rather than guessed.
 */
function sequenceEnd(source: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < source.length) {
    const c = source[i];
    if (c === '"') {
      i = quotedEnd(source, i + 1);
      continue;
    }
    if (c === '#' || (c === '/' && (source[i + 1] === '/' || source[i + 1] === '*')) || (c === '<' && source[i + 1] === '<')) {
      throw new TemplateSyntaxError(`unsupported comment or heredoc inside the template sequence at offset ${start - 2} of ${JSON.stringify(source)}`);
    }
    if (c === '{') depth += 1;
    if (c === '}') {
      if (depth === 0) return i + 1;
      depth -= 1;
    }
    i += 1;
  }
  throw new TemplateSyntaxError(`unterminated template sequence at offset ${start - 2} of ${JSON.stringify(source)}`);
}

/** Index just past the `"` closing a quoted template inside an expression; `start` follows the opening quote. */
function quotedEnd(source: string, start: number): number {
  let i = start;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      i += 2;
    } else if (c === '"') {
      return i + 1;
    } else if ((c === '$' || c === '%') && source[i + 1] === c && source[i + 2] === '{') {
      i += 3;
    } else if ((c === '$' || c === '%') && source[i + 1] === '{') {
      i = sequenceEnd(source, i + 2);
    } else if (c === '\n') {
      throw new TemplateSyntaxError(`unterminated quoted string inside a template sequence of ${JSON.stringify(source)}`);
    } else {
      i += 1;
    }
  }
  throw new TemplateSyntaxError(`unterminated quoted string inside a template sequence of ${JSON.stringify(source)}`);
}

/**
 * The template whose value is exactly `text`: `${` → `$${`, `%{` → `%%{`. Replacing every opener
 * (also the one inside an already doubled `$${`) is what makes it exact: the scanner reads
 * `$$${` as a literal `$` followed by the escape `$${`.
 */
export function escapeTemplateLiteral(text: string): string {
  // Replacement functions: in a replacement string, "$$" would mean one "$".
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** A piece of a template being built: plain text, or a sequence (`${…}`) kept as it is. */
export type TemplateSegment = { readonly text: string } | { readonly sequence: string };

/**
 * Joins plain text and sequences into one template meaning exactly that. Text is escaped as a
 * whole run (escaping pieces separately could let `$` + `{` meet as a new opener). A run ending
 * in the sequence's own opener character (`$` before `${`, `%` before `%{`) would turn the
 * sequence into an escape (`$${`), so those trailing characters are written as a string
 * interpolation instead: `a$` + `${x}` becomes `a${"$"}${x}`.
 */
export function joinTemplate(segments: readonly TemplateSegment[]): string {
  let out = '';
  let run = '';
  const flush = (next?: string): void => {
    const opener = next?.[0];
    let trailing = 0;
    while (opener !== undefined && trailing < run.length && run[run.length - 1 - trailing] === opener) trailing += 1;
    out += escapeTemplateLiteral(run.slice(0, run.length - trailing));
    if (trailing > 0) out += `\${"${run.slice(run.length - trailing)}"}`;
    run = '';
  };
  for (const segment of segments) {
    if ('text' in segment) {
      run += segment.text;
    } else {
      flush(segment.sequence);
      out += segment.sequence;
    }
  }
  flush();
  return out;
}

/** True when the template has no sequence: its value is its literal text (after unescaping). */
export function isLiteralTemplate(source: string): boolean {
  return splitTemplate(source).every((p) => p.kind === 'literal');
}

/** The value of a template without sequences: `$${` → `${`, `%%{` → `%{`. Throws if it has a sequence. */
export function literalTemplateValue(source: string): string {
  return splitTemplate(source)
    .map((p) => {
      if (p.kind !== 'literal') throw new TemplateSyntaxError(`${JSON.stringify(source)} is not a literal: it contains ${p.source}`);
      return p.source.replace(/\$\$\{/g, () => '${').replace(/%%\{/g, () => '%{');
    })
    .join('');
}
