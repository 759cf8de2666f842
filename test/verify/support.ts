/**
 * The cards and claims of an example, rendered for a Vault at a loopback address (the fake Vault
 * of these tests), as `vault-a2a cards` writes them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { renderCards } from '../../lib/review/cards';
import { parseTopologyText } from '../../lib/topology';
import type { ClaimsFile } from '../../lib/verify';

export const ROOT = join(__dirname, '..', '..');

export function exampleAt(example: string, address: string): string {
  return readFileSync(join(ROOT, 'examples', example, 'topology.yaml'), 'utf8').replace('https://vault.example.com:8200', address);
}

export function cardsAt(example: string, address: string): Record<string, string> {
  const parsed = parseTopologyText(exampleAt(example, address), `${example}.yaml`);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('\n'));
  return Object.fromEntries(renderCards(parsed.topology).files.map((f) => [f.path, f.content]));
}

export function claimsAt(example: string, server: string, address: string): ClaimsFile {
  return JSON.parse(cardsAt(example, address)[`${server}/claims.json`]) as ClaimsFile;
}

/** Writes the cards of an example to a fresh directory; returns it and a cleanup. */
export function writeCards(example: string, address: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'vault-a2a-cards-'));
  for (const [path, content] of Object.entries(cardsAt(example, address))) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Entity ids Vault would have generated, one per agent and user of the delegation example. */
export const ENTITIES: Record<string, string> = Object.fromEntries(
  ['alice', 'bob', 'carol', 'chat', 'portal', 'summarizer', 'mailer', 'docs', 'mail'].map((n, i) => [n, `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`]),
);

/** Client ids Vault would have generated for the identity-token roles (Terraform output identity_token_audiences). */
export const AUDIENCES: Record<string, string> = {
  'summarizer.docs': 'aud-summarizer-docs-0001',
  'mailer.mail': 'aud-mailer-mail-0002',
  'a2a.actor.summarizer': 'aud-actor-summarizer',
  'a2a.actor.mailer': 'aud-actor-mailer',
};
