/**
 * Finds where a Terraform address is written in a `cdk.tf.json`, for SARIF regions: one pass
 * over the text recording the position of every object key down to `<section>.<type>.<name>`.
 */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** Positions of keys at depth 1..maxDepth, keyed by their path joined with "\u0000". */
export function indexJsonKeys(text: string, maxDepth = 3): Map<string, TextPosition> {
  const out = new Map<string, TextPosition>();
  // Open containers; `name` is the key the container is the value of, `key` the last key read in it.
  const stack: { object: boolean; name: string; key?: string }[] = [];
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line += 1;
      lineStart = i + 1;
    } else if (c === '"') {
      const start = i;
      i += 1;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      const raw = text.slice(start, i + 1);
      const top = stack[stack.length - 1];
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j]!)) j += 1;
      if (top?.object && text[j] === ':') {
        top.key = JSON.parse(raw) as string;
        if (stack.length <= maxDepth) {
          const keyPath = [...stack.slice(1).map((s) => s.name), top.key].join('\u0000');
          if (!out.has(keyPath)) out.set(keyPath, { line, column: start - lineStart + 1 });
        }
      }
    } else if (c === '{' || c === '[') {
      const parent = stack[stack.length - 1];
      stack.push({ object: c === '{', name: parent ? (parent.object ? (parent.key ?? '') : '[]') : '' });
    } else if (c === '}' || c === ']') {
      stack.pop();
    }
  }
  return out;
}

/** `vault_policy.x` → resource/vault_policy/x; `data.a.b` → data/a/b; `output.o` → output/o. */
export function keyPathOf(address: string): string[] {
  const parts = address.split('.');
  if (parts[0] === 'data') return ['data', parts[1]!, parts.slice(2).join('.')];
  if (parts[0] === 'output') return ['output', parts.slice(1).join('.')];
  return ['resource', parts[0]!, parts.slice(1).join('.')];
}

export function locate(index: ReadonlyMap<string, TextPosition>, address: string): TextPosition | undefined {
  return index.get(keyPathOf(address).join('\u0000'));
}
