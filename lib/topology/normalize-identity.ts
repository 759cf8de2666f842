/** Normalization of cert logins and external groups (valid input only, see normalize.ts). */
import { readCaCertificate } from './certificates';
import type { NormalizedCertLogin, NormalizedExternalGroup } from './normalized';
import type { ExternalGroupSpec, LoginSpec } from './schema';
import { compareStrings } from '../vault/order';

export function normalizeCertLogin(login: LoginSpec, baseDir: string): NormalizedCertLogin {
  const read = readCaCertificate(baseDir, login.caCertificate as string);
  // Validation read the same file a moment ago; a file changed in between is not a topology issue.
  if (!read.ok) throw new Error(`caCertificate ${JSON.stringify(login.caCertificate)} ${read.message}`);
  return {
    kind: 'cert',
    mount: login.mount,
    caCertificate: read.pem,
    name: login.commonName !== undefined ? { kind: 'common-name', value: login.commonName } : { kind: 'uri-san', value: login.uriSan as string },
  };
}

export function normalizeExternalGroups(spec: Readonly<Record<string, ExternalGroupSpec>> | undefined): { readonly externalGroups?: readonly NormalizedExternalGroup[] } {
  const list = Object.entries(spec ?? {}).sort(([a], [b]) => compareStrings(a, b));
  if (list.length === 0) return {};
  return {
    externalGroups: list.map(([name, g]) => ({ name, mount: g.mount, alias: g.alias, ...(g.description !== undefined ? { description: g.description } : {}) })),
  };
}
