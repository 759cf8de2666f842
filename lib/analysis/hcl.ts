/**
 * Parses ACL policy documents with HashiCorp's HCL parser (`@cdktf/hcl2json`, the Go parser
 * compiled to WebAssembly). Two entry points on the same parser:
 * - `parsePolicyText` (async): the package's public `parse`; used by `checkStack` and the CLI.
 * - `parsePolicyTextSync`: the same WebAssembly module instantiated synchronously (see
 *   hcl-wasm-sync.ts); used where the caller cannot wait: CDKTF Aspects, jest matchers.
 *
 * Documents in the plain shape this project renders skip the parser: policy-canonical.ts reads
 * them exactly as hcl2json does (tested for equality), and anything else goes to hcl2json.
 *
 * Vault reads policies with HCL 1, the parser here is HCL 2. The two agree on policy syntax
 * except for template sequences: HCL 2 would interpret `${` and `%{` inside strings, HCL 1 keeps
 * them literally, so they are escaped before parsing.
 */
import { parseSync } from './hcl-wasm-sync';
import { Json } from './json';
import { readCanonicalPolicy } from './policy-canonical';
import { looksLikeJson, parseJsonPolicy, PolicyParseResult, stanzasFromParsed } from './policy-document';

function escapeTemplates(text: string): string {
  // A replacer function: in a replacement string "$$" would mean one "$".
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/**
 * `parse config: [a.hcl:3,5-9: Unsupported argument; ...]` → `line 3, column 5: Unsupported
 * argument; ...`. A range may end on another line (`a.hcl:1,27-2,1:`).
 */
export function cleanHclError(message: string, filename: string): string {
  const escaped = filename.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return message
    .replace(/^parse config: \[/, '')
    .replace(/\]$/, '')
    .replace(new RegExp(`${escaped}:(\\d+),(\\d+)(?:-\\d+(?:,\\d+)?)?(?::\\d+,\\d+)?:\\s*`, 'g'), 'line $1, column $2: ')
    .trim();
}

function policyFilename(name: string): string {
  return `${name.replace(/[^A-Za-z0-9_.-]/g, '_') || 'policy'}.hcl`;
}

/**
 * `@cdktf/hcl2json` reads, inflates and compiles its WebAssembly module as soon as it is imported
 * (about half a second of CPU, and a pending file read that holds the process open), whether or
 * not anything is parsed: import it on the first parse, not with this module.
 */
let hcl2json: Promise<typeof import('@cdktf/hcl2json')> | undefined;

async function parse(filename: string, contents: string): Promise<unknown> {
  hcl2json ??= import('@cdktf/hcl2json');
  return (await hcl2json).parse(filename, contents);
}

export async function parsePolicyText(name: string, text: string): Promise<PolicyParseResult> {
  if (looksLikeJson(text)) return parseJsonPolicy(text);
  // The documents this project renders, read as hcl2json reads them (policy-canonical.ts).
  const canonical = readCanonicalPolicy(text);
  if (canonical !== undefined) return stanzasFromParsed(canonical, 'hcl');
  const filename = policyFilename(name);
  try {
    return stanzasFromParsed((await parse(filename, escapeTemplates(text))) as Json, 'hcl');
  } catch (err) {
    return { ok: false, errors: [cleanHclError((err as Error).message, filename)] };
  }
}

export function parsePolicyTextSync(name: string, text: string): PolicyParseResult {
  if (looksLikeJson(text)) return parseJsonPolicy(text);
  const canonical = readCanonicalPolicy(text);
  if (canonical !== undefined) return stanzasFromParsed(canonical, 'hcl');
  const filename = policyFilename(name);
  try {
    return stanzasFromParsed(parseSync(filename, escapeTemplates(text)) as Json, 'hcl');
  } catch (err) {
    return { ok: false, errors: [cleanHclError((err as Error).message, filename)] };
  }
}
