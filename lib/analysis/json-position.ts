/**
 * Positions in JSON text, found one way: a strict RFC 8259 recognizer that walks the text once.
 * It gives where the text first goes wrong (Node's JSON.parse does not always say, e.g.
 * "Unexpected token ','", and a person fixing a hand-edited stack file needs the spot) and where
 * each object key is written (SARIF regions for findings). It only finds positions: JSON.parse
 * still does the parsing.
 *
 * YAML documents (topologies, suppression files, JSON ones included) are positioned by the
 * `yaml` parser that reads them (lib/topology/locate.ts), not here.
 */

export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

interface Scan {
  /** Offset of the first error, or undefined for valid JSON. */
  readonly errorOffset?: number;
  /** Offsets of object keys at depth 1..keyDepth, keyed by their path joined with "\u0000"; first occurrence wins. */
  readonly keys: ReadonlyMap<string, number>;
}

class PositionError extends Error {
  constructor(readonly offset: number) {
    super(`JSON error at ${offset}`);
  }
}

function scan(text: string, keyDepth: number): Scan {
  const keys = new Map<string, number>();
  // Keys (or "[]" for array items) leading to the value being read.
  const path: string[] = [];
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i += 1;
  };
  const fail = (): never => {
    throw new PositionError(i);
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = () => {
    i += 1;
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail();
      if (text[i] === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail();
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail();
      } else i += 1;
    }
    if (i >= text.length) fail();
    i += 1;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += m![0].length;
  };
  /** `{…}` or `[…]`: items separated by commas up to `close`, none after a trailing comma. */
  const container = (close: string, item: () => void) => {
    i += 1;
    ws();
    if (text[i] === close) {
      i += 1;
      return;
    }
    for (;;) {
      item();
      ws();
      if (text[i] === ',') {
        i += 1;
        continue;
      }
      if (text[i] === close) {
        i += 1;
        return;
      }
      fail();
    }
  };
  const member = () => {
    ws();
    if (text[i] !== '"') fail();
    const start = i;
    string();
    // Keys below the depth asked for are never recorded, so their text is not needed.
    const key = path.length < keyDepth ? (JSON.parse(text.slice(start, i)) as string) : '';
    if (path.length < keyDepth) {
      const keyPath = [...path, key].join('\u0000');
      if (!keys.has(keyPath)) keys.set(keyPath, start);
    }
    ws();
    if (text[i] !== ':') fail();
    i += 1;
    path.push(key);
    value();
    path.pop();
  };
  const element = () => {
    path.push('[]');
    value();
    path.pop();
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') return container('}', member);
    if (c === '[') return container(']', element);
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    return number();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return { keys };
  } catch (err) {
    if (err instanceof PositionError) return { errorOffset: err.offset, keys };
    throw err;
  }
}

/** Offset of the first character where `text` stops being JSON; undefined for valid JSON. */
export function jsonErrorOffset(text: string): number | undefined {
  return scan(text, 0).errorOffset;
}

/** 1-based line and column of `offset`. */
export function lineColumn(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Positions of object keys at depth 1..maxDepth, keyed by their path joined with "\u0000" (array
 * items count as "[]"); the first occurrence of a path wins. In text that is not JSON, the keys
 * before the first error.
 */
export function indexJsonKeys(text: string, maxDepth = 3): Map<string, TextPosition> {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const position = (offset: number): TextPosition => {
    // The last line start at or before offset.
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
  return new Map([...scan(text, maxDepth).keys].map(([key, offset]) => [key, position(offset)]));
}
