/**
 * The bytes cdktf writes for a stack's JSON (`json-stable-stringify` 1.3 with `{ space: 2 }`:
 * keys sorted, two-space indentation, empty objects and arrays written open, `{\n  }`), written
 * to the file in chunks as they are produced.
 *
 * cdktf builds the whole text as one string, each level joining its children's strings, so the
 * file's text is copied once per level of nesting and the final string is held alongside the
 * document: at 20,000 agents, a 66 MB string and several times that in intermediate copies at
 * the peak of synthesis. Here pieces go to a buffer flushed to the file every megabyte. The
 * bytes are the same (test/constructs/stable-json.test.ts compares them with the library's).
 */
import * as fs from 'fs';

const FLUSH_AT = 1 << 20;

/** Writes `value` to `file` as json-stable-stringify(value, { space: 2 }) would. */
export function writeStableJson(file: string, value: unknown): void {
  const fd = fs.openSync(file, 'w');
  try {
    const out = new ChunkedWriter(fd);
    if (write(out, value, 0, new Set()) === OMITTED) throw new TypeError('a stack document must be a JSON value');
    out.flush();
  } finally {
    fs.closeSync(fd);
  }
}

/** The same text, as a string (for tests and small documents). */
export function stableJson(value: unknown): string | undefined {
  const parts: string[] = [];
  const out = { push: (s: string) => void parts.push(s) };
  return write(out, value, 0, new Set()) === OMITTED ? undefined : parts.join('');
}

class ChunkedWriter {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly fd: number) {}

  push(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= FLUSH_AT) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    fs.writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

const OMITTED = Symbol('omitted');
const SPACE = '  ';

/**
 * Writes the text of `node` at nesting `level`, or returns OMITTED (writing nothing) where the
 * library's stringify returns undefined: undefined, functions and symbols, after `toJSON`.
 */
function write(out: { push(s: string): void }, input: unknown, level: number, seen: Set<object>): typeof OMITTED | undefined {
  let node = input;
  if (node && typeof (node as { toJSON?: unknown }).toJSON === 'function') node = (node as { toJSON: () => unknown }).toJSON();
  if (node === undefined) return OMITTED;
  if (typeof node !== 'object' || node === null) {
    const text = JSON.stringify(node) as string | undefined;
    if (text === undefined) return OMITTED;
    out.push(text);
    return undefined;
  }
  const indent = `\n${SPACE.repeat(level)}`;
  const inner = indent + SPACE;
  if (Array.isArray(node)) {
    out.push('[');
    for (let i = 0; i < node.length; i++) {
      out.push(i === 0 ? inner : `,${inner}`);
      if (write(out, node[i], level + 1, seen) === OMITTED) out.push('null');
    }
    out.push(`${indent}]`);
    return undefined;
  }
  if (seen.has(node)) throw new TypeError('Converting circular structure to JSON');
  seen.add(node);
  const record = node as Record<string, unknown>;
  out.push('{');
  let first = true;
  for (const key of Object.keys(record).sort()) {
    if (omitted(record[key])) continue;
    out.push(`${first ? '' : ','}${inner}${JSON.stringify(key)}: `);
    first = false;
    write(out, record[key], level + 1, seen);
  }
  out.push(`${indent}}`);
  seen.delete(node);
  return undefined;
}

/** Whether the library leaves a key out for this value (its text would be undefined). */
function omitted(input: unknown): boolean {
  let node = input;
  if (node && typeof (node as { toJSON?: unknown }).toJSON === 'function') node = (node as { toJSON: () => unknown }).toJSON();
  return node === undefined || (typeof node !== 'object' && JSON.stringify(node) === undefined);
}
