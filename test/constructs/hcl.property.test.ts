/**
 * HCL output of whole topologies: for generated topologies carrying hostile text wherever a
 * topology accepts free text or URLs (group descriptions, server URLs, redirect URIs, the
 * token-exchange issuer), `cdk.tf` parses with HashiCorp's parser to exactly what `cdk.tf.json`
 * says, no user text becomes a Terraform expression (every `${…}` in the JSON is a reference to
 * a block of the stack), and the text reaches Vault unchanged.
 */
import { Testing } from 'cdktf';
import fc from 'fast-check';
import { AgentTopologyStack } from '../../lib/constructs';
import { hclSchemaOf } from '../../lib/constructs/hcl';
import { literalTemplateValue, splitTemplate } from '../../lib/terraform/template';
import { normalizeTopology, type NormalizedMembers, type NormalizedTopology, type Topology } from '../../lib/topology';
import { arbitraryTopology } from '../review/arbitrary-topology';
import { delegationShape, topologyOf } from '../support/delegation-arbitrary';
import { expectedHcl2json, parseHcl, terraformFmtCheck, withTerraform } from '../support/hcl';

/** Text that breaks naive writers: quotes, backslashes, template openers, escapes, unicode. */
const hostile = fc.string({
  unit: fc.oneof(
    fc.constantFrom('"', '\\', '$', '%', '{', '}', '${', '%{', '$${', '%%{', '${x}', '%{ if true }', '\\n', 'é', 'e\u0301', '😀', 'EOT', '~'),
    fc.string({ unit: 'grapheme-ascii', maxLength: 2 }),
  ),
  minLength: 1,
  maxLength: 16,
});
/** Free text (group descriptions): newlines and tabs too. */
const description = fc.oneof(hostile, fc.array(hostile, { minLength: 2, maxLength: 3 }).map((lines) => `${lines.join('\n')}\n`));
/** A URL path segment a URL check accepts: no whitespace, no control characters, no "#", "?", "*", "{{" or "}}". */
const urlPath = hostile.map((t) => t.replace(/[\s#?*\u0000-\u001f\u007f]/g, '_').replace(/([{}])(?=[{}])/g, '$1_'));

const decorated = fc.tuple(delegationShape, fc.array(description, { minLength: 3, maxLength: 3 }), fc.array(urlPath, { minLength: 3, maxLength: 3 })).map(
  ([shape, descriptions, paths]): NormalizedTopology => {
    const t = topologyOf(shape);
    const agents = Object.fromEntries(
      Object.entries(t.agents).map(([name, a]) => {
        if (a.url !== undefined) return [name, { ...a, url: `https://srv.example.com/${paths[0]}` }];
        if (a.oidc !== undefined) return [name, { ...a, oidc: { ...a.oidc, redirectUris: [`https://${name}.example.com/cb/${paths[1]}`] } }];
        return [name, a];
      }),
    );
    const groups = Object.fromEntries(Object.keys(t.groups ?? {}).map((g, i) => [g, { description: descriptions[i % descriptions.length] }]));
    const topology: Topology = {
      ...t,
      groups,
      agents,
      ...(t.tokenExchange ? { tokenExchange: { ...t.tokenExchange, issuer: `https://sts.example.com/${paths[2]}` } } : {}),
    };
    return normalizeTopology(topology);
  },
);

/** The same, on the broader generator of call topologies: group descriptions and server URLs. */
const calls = fc.tuple(arbitraryTopology, description, urlPath).map(([t, text, path]): NormalizedTopology => {
  const named = vaultNames(t);
  return {
    ...named,
    groups: named.groups.map((g) => ({ ...g, description: text })),
    agents: named.agents.map((a) => (a.url !== undefined ? { ...a, url: `${a.url}/${path}` } : a)),
  };
});

/**
 * That generator draws names from the topology alphabet, where a name may end in "-", which Vault
 * object names may not (a separate defect: validation accepts such names, synthesis refuses them).
 * Such names get 8 more characters here, longer than any drawn name, so renaming cannot collide.
 */
function vaultNames(t: NormalizedTopology): NormalizedTopology {
  const n = (name: string): string => (name.endsWith('-') ? `${name}xxxxxxxx` : name);
  const members = (m: NormalizedMembers): NormalizedMembers => ({ users: m.users.map(n), groups: m.groups.map(n) });
  return {
    ...t,
    users: t.users.map((u) => ({ ...u, name: n(u.name), alias: n(u.alias), groups: u.groups.map(n) })),
    groups: t.groups.map((g) => ({ ...g, name: n(g.name) })),
    agents: t.agents.map((a) => ({
      ...a,
      name: n(a.name),
      calls: a.calls.map((c) => ({ ...c, agent: n(c.agent) })),
      ...(a.oidc ? { oidc: { ...a.oidc, members: members(a.oidc.members) } } : {}),
      ...(a.actsFor ? { actsFor: members(a.actsFor) } : {}),
    })),
  };
}

function synth(topology: NormalizedTopology): { json: Record<string, unknown>; hcl: string; stack: AgentTopologyStack } {
  const stack = new AgentTopologyStack(Testing.app(), topology.name, { topology, checks: { enabled: false, reason: 'the test checks HCL output only' } });
  return { json: JSON.parse(Testing.synth(stack)) as Record<string, unknown>, hcl: Testing.synthHcl(stack), stack };
}

/** Every string of the document, with where it is. */
function strings(value: unknown, at: string, out: [string, string][] = []): [string, string][] {
  if (typeof value === 'string') out.push([at, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${at}[${i}]`, out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, `${at}.${k}`, out);
  return out;
}

/** Addresses of every resource and data source: what an interpolation may refer to. */
function addresses(json: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  for (const [kind, prefix] of [['resource', ''], ['data', 'data.']] as const) {
    for (const [type, byName] of Object.entries((json[kind] ?? {}) as Record<string, object>)) for (const name of Object.keys(byName)) out.add(`${prefix}${type}.${name}`);
  }
  return out;
}

function expectOnlyReferences(json: Record<string, unknown>): void {
  const known = addresses(json);
  const terraformBlock = JSON.stringify(json.terraform ?? {});
  for (const [at, value] of strings({ resource: json.resource, data: json.data, provider: json.provider, output: json.output }, '')) {
    for (const part of splitTemplate(value)) {
      if (part.kind === 'literal') continue;
      const target = /^((?:data\.)?[a-z_]+\.[A-Za-z0-9_-]+)(\.[a-z_]+|\[\d+\])*$/.exec(part.kind === 'interpolation' ? part.expression : '');
      if (!target || !known.has(target[1])) throw new Error(`${at}: ${part.source} is not a reference to a block of the stack`);
    }
  }
  expect(terraformBlock).not.toMatch(/[$%]\{/);
}

const written: string[] = [];

describe.each([
  ['delegation topologies with hostile text', decorated, 12],
  ['call topologies with hostile text', calls, 8],
])('%s', (_name, arbitrary, numRuns) => {
  test('cdk.tf parses to what cdk.tf.json says; no text became an expression; text reaches Vault as written', async () => {
    await fc.assert(
      fc.asyncProperty(arbitrary, async (topology) => {
        const { json, hcl, stack } = synth(topology);
        expect(await parseHcl(hcl)).toEqual(expectedHcl2json(json, hclSchemaOf(stack)));
        expectOnlyReferences(json);
        const groups = Object.values(((json.resource ?? {}) as Record<string, Record<string, { name: string; metadata?: { description: string } }>>).vault_identity_group ?? {});
        for (const g of groups) {
          // An empty description is no description (no metadata), as the compiler has it.
          const description = topology.groups.find((x) => x.name === g.name)!.description;
          expect(g.metadata === undefined ? '' : literalTemplateValue(g.metadata.description)).toBe(description ?? '');
        }
        if (written.length < 10) written.push(hcl);
      }),
      { numRuns },
    );
  });
});

withTerraform('terraform fmt -check leaves the HCL of generated topologies unchanged', () => {
  expect(written.length).toBeGreaterThan(0);
  const r = terraformFmtCheck(Object.fromEntries(written.map((hcl, i) => [`topology${i}.tf`, hcl])));
  expect(r.output).toBe('');
  expect(r.code).toBe(0);
});
