/**
 * `vault-a2a cards`: for each server agent, the security part of its Agent Card (A2A 1.0 and
 * 0.3) and the claims it must check, as files. Pure: returns file contents; the CLI writes them.
 */
import { compile } from '../plan/compile';
import type { NormalizedTopology } from '../topology/normalized';
import { unreachableSkills } from './card-content';
import { cardSecurityV03 } from './card-v0_3';
import { cardSecurityV1, cardSecurityV1Json } from './card-v1';
import { serverClaims } from './claims';
import { stableJson } from './json';
import { serverAccess } from './server-access';

export const CARD_V1_FILE = 'agent-card.security.json';
export const CARD_V0_3_FILE = 'agent-card.security.v0_3.json';
export const CLAIMS_FILE = 'claims.json';

export interface OutputFile {
  /** Relative, "/"-separated: `<server>/<file>`. */
  readonly path: string;
  readonly content: string;
}

export interface CardsOutput {
  readonly files: readonly OutputFile[];
  /** Server agents without a card, and skills on no card, and why. */
  readonly skipped: readonly { readonly server: string; readonly skill?: string; readonly reason: string }[];
}

export function renderCards(topology: NormalizedTopology): CardsOutput {
  const plan = compile(topology);
  const files: OutputFile[] = [];
  const skipped: { server: string; skill?: string; reason: string }[] = [];
  for (const access of serverAccess(topology, plan)) {
    if (access.schemes.length === 0) {
      // A card without schemes says "no authentication": the opposite of "nobody may call".
      skipped.push({ server: access.server, reason: 'no client agent is granted anything on it, so no caller could authenticate' });
      continue;
    }
    for (const skill of unreachableSkills(access)) {
      // A card cannot say "nobody": see card-content.ts. claims.json still lists it, with no holder.
      skipped.push({ server: access.server, skill: skill.id, reason: 'nobody is granted any of its actions, so it is on no card and the server refuses it' });
    }
    files.push(
      { path: `${access.server}/${CARD_V1_FILE}`, content: stableJson(cardSecurityV1Json(cardSecurityV1(access))) },
      { path: `${access.server}/${CARD_V0_3_FILE}`, content: stableJson(cardSecurityV03(access)) },
      { path: `${access.server}/${CLAIMS_FILE}`, content: stableJson(serverClaims(access, plan)) },
    );
  }
  return { files, skipped };
}
