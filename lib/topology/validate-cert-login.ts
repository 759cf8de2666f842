/**
 * Rules for cert logins (`login` on a mount of type cert): the CA file holds CA certificates and
 * nothing else, the certificate is pinned by exactly one name (commonName or uriSan), no two agents
 * on one mount are pinned by the same name, and an agent whose entity other objects name (an
 * actor, a registered agent) is pinned by its common name.
 *
 * Vault's cert auth names the entity alias after the client certificate's subject common name,
 * whatever the role binds (builtin/credential/cert/path_login.go: `Alias.Name =
 * clientCerts[0].Subject.CommonName`). With commonName the alias is that name, known in advance;
 * with uriSan it is whatever common name the certificate carries, so no entity can be prepared.
 */
import { readCaCertificate } from './certificates';
import type { DraftIssue, IssuePath } from './path';
import { asMap, asString, get, has, type RawMap } from './raw';
import { mountTypeOf, type ResolveContext, type TopologyIndex } from './topology-index';

export function checkCertLogin(agent: string, login: RawMap, ctx: ResolveContext): DraftIssue[] {
  const at: IssuePath = ['agents', agent, 'login'];
  const issues: DraftIssue[] = [];
  const common = has(login, 'commonName');
  const uri = has(login, 'uriSan');
  if (common && uri) {
    issues.push({
      path: [...at, 'uriSan'],
      anchor: 'key',
      message: 'a cert login is pinned by exactly one name: commonName or uriSan, not both',
      fix: 'keep commonName (the entity alias is the common name, so the agent gets its entity in advance), or keep uriSan alone',
      related: [{ path: [...at, 'commonName'], anchor: 'key' }],
    });
  } else if (!common && !uri) {
    issues.push({
      path: [...at, 'commonName'],
      anchor: 'parent',
      missing: true,
      message: 'a cert login needs commonName or uriSan: without one, every certificate the CA issues logs in as this agent',
      fix: 'add commonName: <the common name of the agent\'s client certificate> (or uriSan: <its SPIFFE ID>)',
    });
  }
  const file = asString(get(login, 'caCertificate'));
  if (file !== undefined && !ctx.broken([...at, 'caCertificate'])) {
    const read = readCaCertificate(ctx.baseDir ?? process.cwd(), file);
    if (!read.ok) issues.push({ path: [...at, 'caCertificate'], anchor: 'value', message: read.message.startsWith('cannot read') ? read.message : `${JSON.stringify(file)} ${read.message}`, fix: read.fix });
  }
  return issues;
}

/** What needs an agent's entity in advance (its id is written into other objects). */
const NEEDS_ENTITY: readonly { readonly field: string; readonly what: string }[] = [
  { field: 'actsFor', what: "an actor's entity id is the sub of may_act" },
  { field: 'registry', what: 'a registration names the entity' },
];

/** Across agents: one name per mount, and uriSan logins only where no object needs the entity. */
export function checkCertLogins(index: TopologyIndex): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const seen = new Map<string, string>();
  for (const [name, agent] of index.agents) {
    const login = asMap(get(agent, 'login'));
    const mount = asString(get(login, 'mount'));
    if (login === undefined || mount === undefined || mountTypeOf(index, mount) !== 'cert') continue;
    const field = has(login, 'commonName') ? 'commonName' : 'uriSan';
    const value = asString(get(login, field));
    if (value === undefined) continue;
    const key = `${mount}\u0000${field}\u0000${field === 'commonName' ? value.toLowerCase() : value}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({
        path: ['agents', name, 'login', field],
        anchor: 'value',
        message: `agent "${first}" logs in on mount "${mount}" with the same ${field} ${JSON.stringify(value)}: one certificate would log in as either agent${field === 'commonName' ? ', on one entity alias (Vault compares aliases without case)' : ''}`,
        fix: 'give each agent its own client certificate name',
        related: [{ path: ['agents', first, 'login', field], anchor: 'value' }],
      });
    } else seen.set(key, name);
    if (field !== 'uriSan') continue;
    for (const need of NEEDS_ENTITY) {
      if (!has(agent, need.field)) continue;
      issues.push({
        path: ['agents', name, 'login', 'uriSan'],
        anchor: 'key',
        message: `agent "${name}" has ${need.field}, which needs its entity in advance (${need.what}); a cert login bound by uriSan lands on an entity named after the certificate's common name, which the role does not bind`,
        fix: "bind the login by commonName instead (Vault's cert auth names the entity alias after the common name)",
        related: [{ path: ['agents', name, need.field], anchor: 'key' }],
      });
    }
  }
  return issues;
}

/**
 * Warnings, not errors: two cert logins on one mount that trust the same CA, one pinned by common
 * name and the other by URI SAN. Vault checks only the constraints a role sets, so a certificate
 * of that CA carrying both names passes both roles and may log in as either agent: whether such a
 * certificate exists is up to the CA.
 */
export function certLoginWarnings(index: TopologyIndex, baseDir: string): DraftIssue[] {
  const logins: { agent: string; mount: string; field: string; pem: string }[] = [];
  for (const [agent, spec] of index.agents) {
    const login = asMap(get(spec, 'login'));
    const mount = asString(get(login, 'mount'));
    const file = asString(get(login, 'caCertificate'));
    if (login === undefined || mount === undefined || file === undefined || mountTypeOf(index, mount) !== 'cert') continue;
    const read = readCaCertificate(baseDir, file);
    if (read.ok) logins.push({ agent, mount, field: has(login, 'commonName') ? 'commonName' : 'uriSan', pem: read.pem });
  }
  const issues: DraftIssue[] = [];
  for (const [agent, spec] of index.agents) {
    const login = asMap(get(spec, 'login'));
    const mount = asString(get(login, 'mount'));
    if (login === undefined || mount === undefined || mountTypeOf(index, mount) !== 'cert' || !has(login, 'uriSan') || get(spec, 'headless') !== true) continue;
    issues.push({
      path: ['agents', agent, 'login', 'uriSan'],
      anchor: 'key',
      message: `the identity tokens "${agent}" mints will name no agent (a2a_agent.name ""): the claim is read from the minting entity's metadata, and a login pinned by uriSan lands on an entity Vault creates at the first login, named after the certificate's common name`,
      fix: 'pin the login by commonName instead: the topology then creates the entity, with the metadata the claim reads',
    });
  }
  for (const [i, a] of logins.entries()) {
    const other = logins.slice(0, i).find((b) => b.mount === a.mount && b.pem === a.pem && b.field !== a.field);
    if (other === undefined) continue;
    issues.push({
      path: ['agents', a.agent, 'login', a.field],
      anchor: 'key',
      message: `agent "${other.agent}" trusts the same CA on mount "${a.mount}" but is pinned by ${other.field}: a certificate of that CA carrying both names would log in as either agent`,
      fix: 'pin both by the same kind of name (commonName), or give them different CAs or mounts',
      related: [{ path: ['agents', other.agent, 'login', other.field], anchor: 'key' }],
    });
  }
  return issues;
}
