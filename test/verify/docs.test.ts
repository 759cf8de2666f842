/**
 * docs/verify.md and examples/hello-world/README.md show real code and real output: every
 * TypeScript block is a verbatim part of an example file (compiled by `npm run typecheck`, run by
 * these tests), the claims.json sample is what `vault-a2a cards` writes today, the start-up error
 * is what createVerifier throws, and the delegation example's verifier works.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { docsVerifier } from '../../examples/delegation/docs-verifier';
import { createVerifier } from '../../lib/verify';
import { FakeVault } from './fake-vault';
import { AUDIENCES, cardsAt, ENTITIES, ROOT } from './support';

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
/** Fenced blocks of one language ('' for unlabelled), read fence by fence. */
function blocks(text: string, language: string): string[] {
  const out: string[] = [];
  let open: { language: string; lines: string[] } | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) {
      if (open) {
        if (open.language === language) out.push(`${open.lines.join('\n')}\n`);
        open = undefined;
      } else open = { language: line.slice(3).trim(), lines: [] };
    } else open?.lines.push(line);
  }
  return out;
}
const sources = [read('examples/hello-world/server.ts'), read('examples/delegation/docs-verifier.ts')];

test.each(['docs/verify.md', 'examples/hello-world/README.md'])('every ts block of %s is part of a compiled, tested example', (file) => {
  const ts = blocks(read(file), 'ts');
  expect(ts.length).toBeGreaterThan(0);
  for (const block of ts) expect(sources.some((s) => s.includes(block))).toBe(true);
});

test('examples/hello-world/README.md shows the whole server function', () => {
  const [block] = blocks(read('examples/hello-world/README.md'), 'ts');
  expect(block).toMatch(/^export function helloWorldServer\(cards: string, url: string\): express\.Express \{\n[\s\S]*\n\}\n$/);
});

test("docs/verify.md's claims.json is what vault-a2a cards writes for examples/hello-world", () => {
  const [json] = blocks(read('docs/verify.md'), 'json');
  expect(json).toBe(cardsAt('hello-world', 'https://vault.example.com:8200')['hello-world/claims.json']);
});

test("docs/verify.md's start-up error is what createVerifier throws", () => {
  const [sample] = blocks(read('docs/verify.md'), '');
  expect(sample).toMatch(/^createVerifier: 4 problems:\n/);
  const claims = JSON.parse(cardsAt('delegation', 'https://vault.example.com:8200')['docs/claims.json']);
  expect(() => createVerifier({ claims })).toThrow(sample.trimEnd());
});

test('the delegation example verifier accepts summarizer for alice, not for bob', async () => {
  const vault = await FakeVault.start();
  try {
    const verifier = docsVerifier(JSON.parse(cardsAt('delegation', vault.address)['docs/claims.json']), AUDIENCES, (name) => ENTITIES[name]);
    const token = (sub: string) => vault.delegatedToken({ sub, actor: ENTITIES.summarizer, aud: ['https://docs.example.com'], scope: ['docs.documents.read'] });
    expect(await verifier.verify({ authorization: `Bearer ${await token(ENTITIES.alice)}`, skill: 'documents', action: 'read' })).toMatchObject({ allowed: true, subjectName: 'alice' });
    expect(await verifier.verify({ authorization: `Bearer ${await token(ENTITIES.bob)}`, skill: 'documents', action: 'read' })).toMatchObject({ allowed: false, status: 403 });
  } finally {
    await vault.stop();
  }
});
