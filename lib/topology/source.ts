/**
 * Text → data, for YAML and JSON alike. A JSON document is read with `JSON.parse` (a large
 * topology is often generated JSON, and the YAML parser takes about ten times as long); the YAML
 * parser, which also reads JSON, runs only when positions are needed: for an issue or a warning,
 * on JSON that `JSON.parse` refuses (its syntax errors get line:column from the YAML parser like
 * any other), or on JSON with duplicate keys (reported with the first key's line). Syntax errors
 * stop here: after one, the parser's recovery guesses at structure, and schema
 * errors about a guessed structure would mislead. Duplicate keys do not stop validation (the
 * document is well-formed; the last value wins) but are reported with the other issues.
 */
import type { Document, LineCounter, YAMLError } from 'yaml';
import type { TopologyIssue } from './errors';
import { firstKeyOffset, pathAtOffset, positionOf, yaml } from './locate';
import { formatPath, type Anchor, type IssuePath } from './path';

export type SourceParse =
  | {
      readonly ok: true;
      readonly data: unknown;
      /** Issues found while parsing that do not stop validation (duplicate keys). */
      readonly issues: readonly TopologyIssue[];
      readonly locate: (path: IssuePath, anchor: Anchor) => { readonly line: number; readonly column: number };
    }
  | { readonly ok: false; readonly issues: readonly TopologyIssue[] };

const SYNTAX_FIXES: Readonly<Record<string, string>> = {
  BAD_INDENT: 'indent nested entries consistently, with spaces',
  TAB_AS_INDENT: 'indent with spaces: YAML does not allow tabs for indentation',
  MULTIPLE_DOCS: 'keep one topology per file: remove the "---" separator and the second document',
  BLOCK_AS_IMPLICIT_KEY: 'put a nested map on its own lines, indented under its key',
  MISSING_CHAR: 'add the missing closing bracket, brace or quote',
  MULTILINE_IMPLICIT_KEY: 'keep each key on one line, followed by ":"',
  TAG_RESOLVE_FAILED: 'remove the "!" tag: a topology uses plain strings, numbers, booleans, lists and maps',
};
const DEFAULT_SYNTAX_FIX = 'correct the YAML/JSON syntax here (unclosed brackets or quotes and uneven indentation are the usual causes)';

function duplicateKeyIssue(doc: Document, lineCounter: LineCounter, error: YAMLError, file: string): TopologyIssue {
  const path = pathAtOffset(doc, error.pos[0], true);
  const key = String(path[path.length - 1] ?? '');
  const first = firstKeyOffset(doc, path.slice(0, -1), key);
  const { line, col } = lineCounter.linePos(error.pos[0]);
  return {
    file,
    line,
    column: col,
    path: formatPath(path),
    message: first === undefined ? `duplicate key "${key}"` : `duplicate key "${key}" (first defined at line ${lineCounter.linePos(first).line})`,
    fix: `keep one "${key}": keys in a map must be unique`,
  };
}

function syntaxIssue(doc: Document, lineCounter: LineCounter, error: YAMLError, file: string): TopologyIssue {
  const { line, col } = lineCounter.linePos(error.pos[0]);
  return {
    file,
    line,
    column: col,
    path: formatPath(pathAtOffset(doc, error.pos[0])),
    message: `syntax error: ${error.message}`,
    fix: SYNTAX_FIXES[error.code] ?? DEFAULT_SYNTAX_FIX,
  };
}

/** toJS throws on aliases it cannot resolve or too many aliases; point at the first bad alias. */
function conversionIssue(doc: Document, lineCounter: LineCounter, err: unknown, file: string): TopologyIssue {
  let offset = 0;
  const { isAlias, visit } = yaml();
  visit(doc, {
    Alias(_, node) {
      if (isAlias(node) && node.resolve(doc) === undefined) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  const { line, col } = lineCounter.linePos(offset);
  return {
    file,
    line,
    column: col,
    path: formatPath(pathAtOffset(doc, offset)),
    message: `cannot read the document: ${err instanceof Error ? err.message : String(err)}`,
    fix: 'define every "&anchor" before its "*alias", or write the values out in full',
  };
}

/**
 * Data of a JSON document without duplicate keys, else undefined. `JSON.parse` keeps the last of
 * duplicate keys silently; they are found by counting: in valid JSON every quote starts or ends a
 * string token, so the strings followed by ":" are exactly the keys written, and each object of
 * the parsed data holds one key per distinct key written.
 */
function readPlainJson(text: string): { readonly data: unknown } | undefined {
  if (!/^\s*[[{]/.test(text)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  let written = 0;
  for (const m of text.matchAll(/"(?:[^"\\]|\\.)*"(\s*:)?/g)) if (m[1] !== undefined) written++;
  return written === keyCount(data) ? { data } : undefined;
}

function keyCount(value: unknown): number {
  if (Array.isArray(value)) {
    let n = 0;
    for (const item of value) n += keyCount(item);
    return n;
  }
  if (typeof value !== 'object' || value === null) return 0;
  let n = 0;
  for (const key in value) n += 1 + keyCount((value as Record<string, unknown>)[key]);
  return n;
}

export function parseSource(text: string, file: string): SourceParse {
  const json = readPlainJson(text);
  if (json !== undefined) {
    // Positions from the YAML parser's reading of the same text, computed on first use.
    let located: SourceParse | undefined;
    const locate = (path: IssuePath, anchor: Anchor) => {
      located ??= parseYamlSource(text, file);
      if (!located.ok) throw new Error('unreachable: the YAML parser refuses JSON that JSON.parse reads');
      return located.locate(path, anchor);
    };
    return { ok: true, data: json.data, issues: [], locate };
  }
  return parseYamlSource(text, file);
}

function parseYamlSource(text: string, file: string): SourceParse {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  // resolveKnownTags: false keeps YAML 1.1 extras (!!binary, !!set, !!timestamp) from turning
  // into Buffers, Sets and Dates; they are reported as unresolved tags instead.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, resolveKnownTags: false });
  const problems = [...doc.errors, ...doc.warnings];
  const fatal = problems.filter((e) => e.code !== 'DUPLICATE_KEY');
  if (fatal.length > 0) return { ok: false, issues: fatal.map((e) => syntaxIssue(doc, lineCounter, e, file)) };
  const issues = problems.map((e) => duplicateKeyIssue(doc, lineCounter, e, file));
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (err) {
    return { ok: false, issues: [...issues, conversionIssue(doc, lineCounter, err, file)] };
  }
  return { ok: true, data, issues, locate: (path, anchor) => positionOf(doc, lineCounter, path, anchor) };
}
