/**
 * Rules for `audit` that the shape-only schema cannot express: which fields each device type
 * takes, unique device paths, file modes and sinks that keep the log, credential headers only
 * HMAC'd, and a device whenever the audit trail is required.
 */
import { AUDIT_DEVICE_TYPES, CREDENTIAL_HEADERS, type AuditDeviceType } from '../vault/audit';
import type { DraftIssue, IssuePath } from './path';
import { asList, asMap, asString, get, has, type RawMap } from './raw';
import type { TopologyIndex } from './topology-index';

type SinkField = 'filePath' | 'mode' | 'address' | 'socketType' | 'facility' | 'tag';
const SINK_FIELDS: readonly SinkField[] = ['filePath', 'mode', 'address', 'socketType', 'facility', 'tag'];
const REQUIRED: Readonly<Record<AuditDeviceType, readonly SinkField[]>> = { file: ['filePath'], socket: ['address'], syslog: [] };
const OPTIONAL: Readonly<Record<AuditDeviceType, readonly SinkField[]>> = { file: ['mode'], socket: ['socketType'], syslog: ['facility', 'tag'] };
const HELP: Readonly<Record<SinkField, string>> = {
  filePath: 'the absolute path of the log file, e.g. /var/log/vault/audit.log, or "stdout"',
  mode: 'the file mode',
  address: 'host:port of the log collector, e.g. logs.example.com:9090',
  socketType: 'tcp, udp or unix',
  facility: 'the syslog facility',
  tag: 'the syslog tag',
};

function typeOf(device: RawMap | undefined): AuditDeviceType | undefined {
  const type = asString(get(device, 'type'));
  return (AUDIT_DEVICE_TYPES as readonly string[]).includes(type ?? '') ? (type as AuditDeviceType) : undefined;
}

function checkFilePath(value: string, path: IssuePath): DraftIssue[] {
  if (value === 'discard') {
    return [{ path, anchor: 'value', message: '"discard" writes nothing: the device would keep no audit trail', fix: 'write to a file (an absolute path) or "stdout", or use a socket or syslog device' }];
  }
  // eslint-disable-next-line no-control-regex
  if (value !== 'stdout' && (!value.startsWith('/') || /[\s\u0000-\u001f\u007f]|[$%]\{/.test(value) || value.endsWith('/'))) {
    return [{ path, anchor: 'value', message: `${JSON.stringify(value)} is not an absolute file path`, fix: 'write an absolute path such as /var/log/vault/audit.log (no spaces), or "stdout"' }];
  }
  return [];
}

function checkMode(value: string, path: IssuePath): DraftIssue[] {
  if (!/^0[0-7]{3}$/.test(value) || value.endsWith('0')) return [];
  return [
    {
      path,
      anchor: 'value',
      message: `${JSON.stringify(value)} lets every user on the Vault host access the audit log`,
      fix: 'use "0600" (the default), or "0640" for a log shipper in the file\'s group',
    },
  ];
}

function checkAddress(value: string, socketType: string | undefined, path: IssuePath): DraftIssue[] {
  const ok = socketType === 'unix' ? /^\/[^\s]*[^/\s]$/.test(value) : /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):\d{1,5}$/.test(value);
  if (ok) return [];
  return [
    {
      path,
      anchor: 'value',
      message: `${JSON.stringify(value)} is not ${socketType === 'unix' ? 'an absolute socket path' : 'host:port'}`,
      fix: socketType === 'unix' ? 'write the absolute path of the unix socket' : 'write host:port, e.g. logs.example.com:9090 or [2001:db8::1]:9090',
    },
  ];
}

function checkDevice(device: RawMap, at: IssuePath): DraftIssue[] {
  const type = typeOf(device);
  if (type === undefined) return []; // a schema issue
  const issues: DraftIssue[] = [];
  for (const field of SINK_FIELDS) {
    const required = REQUIRED[type].includes(field);
    if (required && !has(device, field)) {
      issues.push({ path: [...at, field], anchor: 'parent', missing: true, message: `is required for a ${type} device`, fix: `add "${field}": ${HELP[field]}` });
    } else if (!required && !OPTIONAL[type].includes(field) && has(device, field)) {
      issues.push({ path: [...at, field], anchor: 'key', message: `is not a setting of a ${type} device`, fix: `remove it, or use a device of the type it belongs to` });
    }
  }
  const filePath = asString(get(device, 'filePath'));
  if (type === 'file' && filePath !== undefined) issues.push(...checkFilePath(filePath, [...at, 'filePath']));
  const mode = asString(get(device, 'mode'));
  if (type === 'file' && mode !== undefined) issues.push(...checkMode(mode, [...at, 'mode']));
  const address = asString(get(device, 'address'));
  if (type === 'socket' && address !== undefined) issues.push(...checkAddress(address, asString(get(device, 'socketType')), [...at, 'address']));
  return issues;
}

function checkDevices(audit: RawMap): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const firstByPath = new Map<string, number>();
  (asList(get(audit, 'devices')) ?? []).forEach((raw, i) => {
    const device = asMap(raw);
    if (device === undefined) return;
    const at: IssuePath = ['audit', 'devices', i];
    issues.push(...checkDevice(device, at));
    const path = asString(get(device, 'path')) ?? typeOf(device);
    if (path === undefined) return;
    const first = firstByPath.get(path);
    if (first === undefined) firstByPath.set(path, i);
    else {
      issues.push({
        path: has(device, 'path') ? [...at, 'path'] : [...at, 'type'],
        anchor: 'value',
        message: `audit.devices[${first}] is already enabled at path "${path}"`,
        fix: `give each device its own "path", e.g. "${path}-${i + 1}"`,
      });
    }
  });
  return issues;
}

function checkHeaders(audit: RawMap): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const first = new Map<string, number>();
  (asList(get(audit, 'requestHeaders')) ?? []).forEach((raw, i) => {
    const header = asMap(raw);
    const name = asString(get(header, 'name'));
    if (name === undefined) return;
    const at: IssuePath = ['audit', 'requestHeaders', i];
    const key = name.toLowerCase();
    const seen = first.get(key);
    if (seen !== undefined) {
      issues.push({ path: [...at, 'name'], anchor: 'value', message: `"${name}" is listed twice (also [${seen}]; Vault compares header names without case)`, fix: 'list it once' });
    } else first.set(key, i);
    if (CREDENTIAL_HEADERS.has(key) && get(header, 'hmac') !== true) {
      issues.push({
        path: has(header, 'hmac') ? [...at, 'hmac'] : [...at, 'name'],
        anchor: 'value',
        message: `"${name}" carries credentials: audited in plaintext, every token or password sent with it would be in the log`,
        fix: 'set "hmac: true" (the log then holds an HMAC you can compare with sys/audit-hash), or do not audit it',
      });
    }
  });
  return issues;
}

export function checkAudit(index: TopologyIndex): DraftIssue[] {
  const audit = asMap(get(index.root, 'audit'));
  if (audit === undefined) return [];
  const issues = [...checkDevices(audit), ...checkHeaders(audit)];
  const devices = asList(get(audit, 'devices'));
  if (get(audit, 'required') !== false && (devices === undefined || devices.length === 0)) {
    issues.push({
      path: ['audit', 'devices'],
      anchor: devices === undefined ? 'parent' : 'value',
      ...(devices === undefined ? { missing: true as const } : {}),
      message: 'the audit trail is required (audit.required defaults to true) but no device is configured',
      fix: 'add a device, e.g. { type: file, filePath: /var/log/vault/audit.log }, or set "required: false" when the devices are managed outside this stack',
    });
  }
  return issues;
}

/**
 * A warning, not an error: one device only. Vault refuses a request it cannot log on at least one
 * device, so one unreachable or full sink stops every request (Vault audit docs, "Blocked audit
 * devices"); a second device keeps Vault serving and the trail complete.
 */
export function auditWarnings(index: TopologyIndex): DraftIssue[] {
  const devices = asList(get(asMap(get(index.root, 'audit')), 'devices'));
  if (devices?.length !== 1) return [];
  return [
    {
      path: ['audit', 'devices'],
      anchor: 'key',
      message: 'one audit device: when it cannot write (a full disk, an unreachable collector), Vault refuses every request',
      fix: 'add a second device of another kind, e.g. a socket or syslog device next to a file',
    },
  ];
}
