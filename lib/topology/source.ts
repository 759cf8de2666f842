/**
 * Text → data, for YAML and JSON alike (JSON is parsed as YAML so both get line:column).
 * Syntax errors stop here: after one, the parser's recovery guesses at structure, and schema
 * errors about a guessed structure would mislead. Duplicate keys do not stop validation (the
 * document is well-formed; the last value wins) but are reported with the other issues.
 */
import { isAlias, LineCounter, parseDocument, visit, type Document, type YAMLError } from 'yaml';
import type { TopologyIssue } from './errors';
import { firstKeyOffset, pathAtOffset, positionOf } from './locate';
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

export function parseSource(text: string, file: string): SourceParse {
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
