/**
 * Rules for what the topology writes into tokens about an agent (docs/token-claims.md): one owner
 * per agent, and an owner that Vault's templates and the token-exchange plugin can carry.
 */
import { CLAIM_TEXT_PATTERN, CLAIM_TEXT_RULE } from './names';
import type { DraftIssue } from './path';
import { asMap, asString, get } from './raw';
import type { TopologyIndex } from './topology-index';

export function checkAgentMetadata(index: TopologyIndex): DraftIssue[] {
  return [...index.agents].flatMap(([name, agent]): DraftIssue[] => {
    const owner = asString(get(agent, 'owner'));
    const registryOwner = asString(get(asMap(get(agent, 'registry')), 'owner'));
    if (owner !== undefined && registryOwner !== undefined && owner !== registryOwner) {
      return [
        {
          path: ['agents', name, 'owner'],
          anchor: 'value',
          message: `${JSON.stringify(owner)} differs from registry.owner ${JSON.stringify(registryOwner)}; an agent has one owner`,
          fix: 'keep "owner" and remove registry.owner (the registration takes the agent\'s owner), or make them equal',
        },
      ];
    }
    // Without an agent owner, the registration's owner is the one its tokens carry.
    if (owner === undefined && registryOwner !== undefined && !CLAIM_TEXT_PATTERN.test(registryOwner)) {
      return [
        {
          path: ['agents', name, 'registry', 'owner'],
          anchor: 'value',
          message: `${JSON.stringify(registryOwner)} is also the owner in the agent's tokens, and must be ${CLAIM_TEXT_RULE}`,
          fix: 'drop the characters Vault templates cannot carry: Vault refuses a value with "*" or "+" and then issues tokens without their grant claims',
        },
      ];
    }
    return [];
  });
}
