/**
 * `vault-a2a rotate-client`: raise an agent's `oidc.clientGeneration` in the topology text, keeping
 * everything else as written (comments, order, quoting). Vault cannot rotate a client secret; the
 * generation makes Terraform replace the client, so the edit is the whole rotation
 * (docs/credentials.md). Pure: text in, text out.
 */
import { isMap, isScalar, parseDocument, type Node } from 'yaml';
import type { TopologyIssue } from './errors';
import { parseTopologyText } from './load';

export type ClientRotation =
  | { readonly ok: true; readonly text: string; readonly from: number; readonly to: number }
  | { readonly ok: false; readonly issues: readonly TopologyIssue[] };

export function rotateClientText(text: string, file: string, agent: string): ClientRotation {
  const before = parseTopologyText(text, file);
  if (!before.ok) return before;
  const spec = before.topology.agents.find((a) => a.name === agent);
  const known = before.topology.agents.filter((a) => a.oidc !== undefined).map((a) => a.name);
  if (spec?.oidc === undefined) {
    return {
      ok: false,
      issues: [
        {
          file,
          path: `agents.${agent}`,
          message: spec === undefined ? `no agent "${agent}"` : `agent "${agent}" has no oidc client to rotate`,
          fix: known.length > 0 ? `name an agent with oidc: ${known.join(', ')}` : 'only agents with oidc (browser sign-in) have an OIDC client secret',
        },
      ],
    };
  }
  const from = spec.oidc.clientGeneration ?? 1;
  const to = from + 1;
  const edited = /^\s*[[{]/.test(text) && isJsonText(text) ? editJson(text, agent, to) : editYaml(text, agent, to);
  const after = parseTopologyText(edited, file);
  if (!after.ok) throw new Error(`rotate-client produced an invalid topology: ${after.issues.map((i) => i.message).join('; ')}`);
  return { ok: true, text: edited, from, to };
}

/** JSON stays JSON: two-space indentation, the key added last in its map. */
function editJson(text: string, agent: string, to: number): string {
  const data = JSON.parse(text) as { agents: Record<string, { oidc: Record<string, unknown> }> };
  data.agents[agent].oidc.clientGeneration = to;
  return `${JSON.stringify(data, null, 2)}\n`;
}

/**
 * YAML is edited in place, by source offsets: the value replaced when the key exists, else one
 * entry added at the end of the `oidc` map (`, clientGeneration: 2` in a flow map, a line at the
 * map's indentation in a block map). Re-serializing the document would reflow every flow map.
 */
function editYaml(text: string, agent: string, to: number): string {
  const doc = parseDocument(text);
  const oidc = doc.getIn(['agents', agent, 'oidc'], true);
  if (!isMap(oidc) || !oidc.range) throw new Error('unreachable: a valid agent with oidc has an oidc map');
  const existing = oidc.get('clientGeneration', true);
  if (isScalar(existing) && existing.range) return `${text.slice(0, existing.range[0])}${to}${text.slice(existing.range[1])}`;
  if (oidc.flow) {
    const close = text.lastIndexOf('}', oidc.range[1] - 1);
    let at = close;
    while (at > 0 && /\s/.test(text[at - 1])) at--;
    return `${text.slice(0, at)}, clientGeneration: ${to}${text.slice(at)}`;
  }
  const first = oidc.items[0]?.key as Node | undefined;
  const last = oidc.items[oidc.items.length - 1];
  const lastNode = (last?.value ?? last?.key) as Node | undefined;
  if (!first?.range || !lastNode?.range) throw new Error('unreachable: a block map with ranges');
  const indent = first.range[0] - (text.lastIndexOf('\n', first.range[0] - 1) + 1);
  const lineEnd = text.indexOf('\n', lastNode.range[1] - 1);
  const at = lineEnd === -1 ? text.length : lineEnd + 1;
  const newline = lineEnd === -1 ? '\n' : '';
  return `${text.slice(0, at)}${newline}${' '.repeat(indent)}clientGeneration: ${to}\n${text.slice(at)}`;
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
