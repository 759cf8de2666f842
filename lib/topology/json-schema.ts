/**
 * The published JSON Schema of a topology file, generated from the zod schema so the two cannot
 * drift. Editors use it for completion; `schema/topology.schema.json` is this, committed.
 */
import { z } from 'zod';
import { Topology } from './schema';

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
