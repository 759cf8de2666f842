/** Normalization of `audit` (valid input only, see normalize.ts). */
import { DEFAULT_AUDIT_FILE_MODE, DEFAULT_AUDITED_HEADERS } from '../vault/audit';
import { compareStrings } from '../vault/order';
import type { NormalizedAudit, NormalizedAuditDevice, NormalizedAuditSink } from './normalized-audit';
import type { AuditDeviceSpec, AuditSpec } from './schema-audit';

function sink(spec: AuditDeviceSpec): NormalizedAuditSink {
  switch (spec.type) {
    case 'file':
      return { kind: 'file', filePath: spec.filePath as string, mode: spec.mode ?? DEFAULT_AUDIT_FILE_MODE };
    case 'socket':
      return { kind: 'socket', address: spec.address as string, socketType: spec.socketType ?? 'tcp' };
    case 'syslog':
      return { kind: 'syslog', facility: spec.facility ?? 'AUTH', tag: spec.tag ?? 'vault' };
  }
}

function device(spec: AuditDeviceSpec): NormalizedAuditDevice {
  return {
    path: spec.path ?? spec.type,
    type: spec.type,
    ...(spec.description !== undefined ? { description: spec.description } : {}),
    local: spec.local ?? false,
    format: spec.format ?? 'json',
    ...(spec.prefix !== undefined ? { prefix: spec.prefix } : {}),
    elideListResponses: spec.elideListResponses ?? false,
    sink: sink(spec),
  };
}

export function normalizeAudit(spec: AuditSpec | undefined): { readonly audit?: NormalizedAudit } {
  if (spec === undefined) return {};
  const headers = (spec.requestHeaders ?? DEFAULT_AUDITED_HEADERS).map((h) => ({ name: h.name, hmac: h.hmac ?? false }));
  return {
    audit: {
      required: spec.required ?? true,
      devices: (spec.devices ?? []).map(device).sort((a, b) => compareStrings(a.path, b.path)),
      requestHeaders: headers.sort((a, b) => compareStrings(a.name.toLowerCase(), b.name.toLowerCase())),
    },
  };
}
