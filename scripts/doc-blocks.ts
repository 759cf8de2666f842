/**
 * The fenced code blocks of a Markdown document, for the tests that compile and run them
 * (test/docs/snippets.test.ts) and for scripts/consumer-check.sh, which writes the files of
 * docs/install.md into a scratch project.
 *
 * An HTML comment on the line before a fence says more about the block:
 *   <!-- file: main.ts -->                        the block is the whole content of that file
 *   <!-- excerpt: examples/hello-world/server.ts -->  the block is a verbatim part of that file
 *
 * Run as `node dist/scripts/doc-blocks.js <doc.md> <dir>` to write every `file:` block into <dir>.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface DocBlock {
  /** The document, as given. */
  readonly doc: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The fence's info string: `ts`, `sh`, `yaml`, `text`, or `` for none. */
  readonly language: string;
  /** The lines between the fences, each ending in "\n". */
  readonly text: string;
  readonly file?: string;
  readonly excerptOf?: string;
}

const MARKER = /^<!--\s*(file|excerpt):\s*(\S+)\s*-->$/;

export function docBlocks(doc: string, markdown: string): DocBlock[] {
  const blocks: DocBlock[] = [];
  const lines = markdown.split('\n');
  let open: { line: number; language: string; body: string[]; marker?: RegExpExecArray } | undefined;
  lines.forEach((line, i) => {
    if (open) {
      if (/^```\s*$/.test(line)) {
        const { marker } = open;
        blocks.push({
          doc,
          line: open.line,
          language: open.language,
          text: open.body.map((l) => `${l}\n`).join(''),
          ...(marker?.[1] === 'file' ? { file: marker[2]! } : {}),
          ...(marker?.[1] === 'excerpt' ? { excerptOf: marker[2]! } : {}),
        });
        open = undefined;
      } else open.body.push(line);
      return;
    }
    const fence = /^```(\S*)\s*$/.exec(line);
    if (!fence) return;
    const marker = MARKER.exec((lines[i - 1] ?? '').trim()) ?? undefined;
    open = { line: i + 1, language: fence[1]!, body: [], ...(marker ? { marker } : {}) };
  });
  if (open) throw new Error(`${doc}:${open.line}: a code fence is never closed`);
  return blocks;
}

/** Writes every `<!-- file: … -->` block of `doc` into `dir`; returns the files written. */
export function writeDocFiles(doc: string, dir: string): string[] {
  const written: string[] = [];
  for (const block of docBlocks(doc, fs.readFileSync(doc, 'utf8'))) {
    if (!block.file) continue;
    fs.mkdirSync(path.dirname(path.join(dir, block.file)), { recursive: true });
    fs.writeFileSync(path.join(dir, block.file), block.text);
    written.push(block.file);
  }
  return written;
}

if (require.main === module) {
  const [doc, dir] = process.argv.slice(2);
  if (!doc || !dir) {
    process.stderr.write('usage: node dist/scripts/doc-blocks.js <doc.md> <dir>\n');
    process.exit(2);
  }
  process.stdout.write(`${writeDocFiles(doc, dir).join('\n')}\n`);
}
