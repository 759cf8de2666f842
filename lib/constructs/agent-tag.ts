/**
 * Which agent a construct was made for. The L3 tags what it renders for an agent (its entity,
 * login role, policy, clients, providers and assignments, sign-in partitions included, identity
 * and actor-token roles, may_act scopes, exchange roles, registration and ceiling) at creation,
 * and per-agent suppressions collect the tags, so nothing keeps a second list of the resource
 * kinds that belong to an agent.
 *
 * A tag is a metadata entry on the construct's node: cdktf writes only annotation metadata into
 * its output, so tags never change the synthesized JSON.
 */
import { TerraformDataSource, TerraformResource } from 'cdktf';
import type { IConstruct } from 'constructs';
import { compareStrings } from '../vault/order';

/** Metadata type of the tag; its data is the agent's name. */
export const AGENT_TAG = 'cdktf-vault-a2a:agent';

/** Records that `construct`, with every resource below it, was made for `agent`; returns it. */
export function tagAgent<C extends IConstruct>(construct: C, agent: string): C {
  construct.node.addMetadata(AGENT_TAG, agent);
  return construct;
}

/** The agents `construct` itself is tagged with. */
export function agentTagsOf(construct: IConstruct): string[] {
  return construct.node.metadata.filter((m) => m.type === AGENT_TAG).map((m) => m.data as string);
}

/** Agent → the Terraform addresses of every resource in a construct tagged with it under `scope`, sorted. */
export function agentResourceAddresses(scope: IConstruct): Map<string, string[]> {
  const byAgent = new Map<string, Set<string>>();
  for (const construct of scope.node.findAll()) {
    for (const agent of agentTagsOf(construct)) {
      const addresses = byAgent.get(agent) ?? new Set<string>();
      for (const c of construct.node.findAll()) {
        const address = addressOf(c);
        if (address !== undefined) addresses.add(address);
      }
      byAgent.set(agent, addresses);
    }
  }
  return new Map([...byAgent].map(([agent, addresses]) => [agent, [...addresses].sort(compareStrings)]));
}

function addressOf(c: IConstruct): string | undefined {
  if (c instanceof TerraformResource) return `${c.terraformResourceType}.${c.friendlyUniqueId}`;
  if (c instanceof TerraformDataSource) return `data.${c.terraformResourceType}.${c.friendlyUniqueId}`;
  return undefined;
}
