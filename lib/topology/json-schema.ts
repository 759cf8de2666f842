/**
 * The published JSON Schema of a topology file, generated from the zod schema so the two cannot
 * drift. Editors use it for completion; `schema/topology.schema.json` is this, committed.
 */
import { z } from 'zod';
import { Topology } from './schema';
import { OrganizationFile, TeamFile } from './schema-organization';

export const TOPOLOGY_SCHEMA_ID = 'urn:cdktf-vault-a2a:topology:1';
export const TOPOLOGY_SCHEMA_TITLE = 'cdktf-vault-a2a topology';

export function topologyJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(Topology, { io: 'input' }) as Record<string, unknown>;
  // Identity first, then the schema body in zod's (deterministic) order.
  return { $schema, $id: TOPOLOGY_SCHEMA_ID, title: TOPOLOGY_SCHEMA_TITLE, ...rest };
}

/** The exact bytes of `schema/topology.schema.json`. */
export function renderTopologyJsonSchema(): string {
  return `${JSON.stringify(topologyJsonSchema(), null, 2)}\n`;
}

export const ORGANIZATION_SCHEMA_ID = 'urn:cdktf-vault-a2a:organization:1';
export const TEAM_SCHEMA_ID = 'urn:cdktf-vault-a2a:team:1';

/** JSON Schema of org.yaml in a topology directory. */
export function organizationJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(OrganizationFile, { io: 'input' }) as Record<string, unknown>;
  return { $schema, $id: ORGANIZATION_SCHEMA_ID, title: 'cdktf-vault-a2a organization (org.yaml)', ...rest };
}

/** JSON Schema of a team file (teams/<team>.yaml) in a topology directory. */
export function teamJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(TeamFile, { io: 'input' }) as Record<string, unknown>;
  return { $schema, $id: TEAM_SCHEMA_ID, title: 'cdktf-vault-a2a team (teams/<team>.yaml)', ...rest };
}

/** Every published schema: file name under schema/ → its exact bytes. */
export function renderJsonSchemas(): Record<string, string> {
  const text = (schema: Record<string, unknown>) => `${JSON.stringify(schema, null, 2)}\n`;
  return {
    'topology.schema.json': renderTopologyJsonSchema(),
    'organization.schema.json': text(organizationJsonSchema()),
    'team.schema.json': text(teamJsonSchema()),
  };
}
