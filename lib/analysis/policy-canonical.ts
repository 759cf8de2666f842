/**
 * Policy documents in the plain shape this project renders (lib/constructs/policy-document.ts),
 * read without the HCL parser:
 *
 *   # reads its own OIDC client id and secret
 *   path "identity/oidc/client/test-client" {
 *     capabilities = ["read"]
 *   }
 *
 * A 1,000-agent stack holds about 750 such documents; through HashiCorp's parser (WebAssembly)
 * they cost about as much as the rest of the check. This reader accepts only lines of that exact
 * shape (comment lines, blank lines, and stanzas of `path "<plain path>" {`, one `capabilities`
 * line of plain words, `}`) and returns what hcl2json returns for them; any other text, however
 * slight the difference, is left to hcl2json (`undefined`). Equality with hcl2json is tested over
 * every document the examples render and over generated documents (test/analysis/policy-canonical.test.ts).
 */
import type { Json } from './json';

/** A label without quotes, escapes, template sequences or spaces (a superset of what the renderer writes). */
const PATH_LINE = /^path "([A-Za-z0-9_.\-/@:=~*+]+)" \{$/;
const CAPABILITIES_LINE = /^ {2}capabilities = \[((?:"[a-z_]+"(?:, "[a-z_]+")*)?)\]$/;
/** A comment runs to the end of the line; control characters are left to the real parser. */
const COMMENT_LINE = /^#[^\x00-\x08\x0a-\x1f\x7f]*$/;

/**
 * hcl2json's JSON for `text`, when `text` is a document of the plain shape; else undefined.
 * Labels come out in Go's map order (sorted by bytes; the labels are ASCII), each holding its
 * blocks in document order, as hcl2json writes them.
 */
export function readCanonicalPolicy(text: string): Json | undefined {
  if (!text.endsWith('\n')) return undefined;
  const lines = text.split('\n');
  lines.pop();
  const blocks = new Map<string, Json[]>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '' || COMMENT_LINE.test(line)) continue;
    const open = PATH_LINE.exec(line);
    const caps = open ? CAPABILITIES_LINE.exec(lines[i + 1] ?? '') : null;
    if (!open || !caps || lines[i + 2] !== '}') return undefined;
    const capabilities = caps[1] === '' ? [] : caps[1]!.split(', ').map((c) => c.slice(1, -1));
    const label = open[1]!;
    const list = blocks.get(label);
    if (list) list.push({ capabilities });
    else blocks.set(label, [{ capabilities }]);
    i += 2;
  }
  if (blocks.size === 0) return undefined;
  const path: Record<string, Json> = {};
  for (const label of [...blocks.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) path[label] = blocks.get(label)!;
  return { path };
}
