/**
 * The verifier of the `docs` server agent of this example: it accepts summarizer's identity
 * tokens and summarizer's delegated tokens for alice and carol, and nothing else. docs/verify.md
 * shows this file; test/verify/docs.test.ts runs it against a fake Vault.
 */
import { createVerifier, type Verifier } from '../../lib/verify';

export function docsVerifier(claims: unknown, audiences: Record<string, string>, entityId: (name: string) => string): Verifier {
  return createVerifier({
    claims, // cards/docs/claims.json, written by vault-a2a cards
    audiences, // terraform output -json identity_token_audiences
    entities: Object.fromEntries(['summarizer', 'alice', 'carol'].map((name) => [name, entityId(name)])), // vault read -field=id identity/entity/name/<name>
  });
}
