/**
 * Topology schema for the audit trail (`audit`): Vault audit devices and audited request headers.
 * Shape only, like schema.ts; which fields a device type takes, unique paths, credential headers
 * and `required` without devices are checked in validate-audit.ts.
 */
import { z } from 'zod';
import { AUDIT_DEVICE_TYPES, AUDIT_FORMATS, HEADER_NAME_PATTERN, SOCKET_TYPES, SYSLOG_FACILITIES } from '../vault/audit';
import { MOUNT_PATH_PATTERN, ONE_LINE_TEXT_PATTERN } from './names';

const ONE_LINE_RULE = 'must be one line of text, without "${" or "%{"';

export const AuditDevice = z
  .strictObject({
    type: z.enum(AUDIT_DEVICE_TYPES).describe('file, socket or syslog.'),
    path: z
      .string()
      .regex(MOUNT_PATH_PATTERN, { error: 'must be an audit device path such as "a2a-file" (no leading or trailing "/")' })
      .optional()
      .describe('Where the device is enabled (sys/audit/<path>). Default: the type; unique per device.'),
    description: z.string().max(256).regex(ONE_LINE_TEXT_PATTERN, { error: ONE_LINE_RULE }).optional(),
    local: z.boolean().optional().describe('Vault Enterprise: not replicated to other clusters. Default false.'),
    format: z.enum(AUDIT_FORMATS).optional().describe('json (default) or jsonx.'),
    prefix: z.string().max(64).regex(ONE_LINE_TEXT_PATTERN, { error: ONE_LINE_RULE }).optional().describe('Text written before every entry.'),
    elideListResponses: z.boolean().optional().describe('Log only the number of keys of list responses. Default false.'),
    filePath: z.string().optional().describe('file: an absolute path, or "stdout".'),
    mode: z
      .string()
      .regex(/^0[0-7]{3}$/, { error: 'must be a file mode such as "0600"' })
      .optional()
      .describe('file: the log file\'s mode. Default "0600"; never readable or writable by others.'),
    address: z.string().optional().describe('socket: host:port (or a path for unix sockets) of the log collector.'),
    socketType: z.enum(SOCKET_TYPES).optional().describe('socket: tcp (default), udp or unix.'),
    facility: z.enum(SYSLOG_FACILITIES).optional().describe('syslog: the facility. Default AUTH.'),
    tag: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,32}$/, { error: 'must be a syslog tag: letters, digits, ".", "_" and "-", at most 32' })
      .optional()
      .describe('syslog: the program tag. Default "vault".'),
  })
  .describe('A Vault audit device. file: { filePath, mode? }; socket: { address, socketType? }; syslog: { facility?, tag? }.');

export const AuditRequestHeader = z
  .strictObject({
    name: z.string().regex(HEADER_NAME_PATTERN, { error: 'must be an HTTP header name such as "User-Agent"' }).describe('The request header to audit.'),
    hmac: z.boolean().optional().describe('Log the value HMAC\'d instead of in plaintext. Default false; required true for credential headers.'),
  })
  .describe('A request header Vault writes into every audit entry.');

export const Audit = z
  .strictObject({
    required: z
      .boolean()
      .optional()
      .describe('The stack must contain an audit device (rule A2A-AUDIT-REQUIRED). Default true.'),
    devices: z.array(AuditDevice).optional().describe('Audit devices to enable. At least one when required (the default).'),
    requestHeaders: z
      .array(AuditRequestHeader)
      .optional()
      .describe('Request headers written into audit entries. Default: User-Agent and X-A2A-Agent, in plaintext.'),
  })
  .describe('The audit trail: where Vault logs every request, and which request headers it logs (docs/audit.md).');

export type AuditSpec = z.input<typeof Audit>;
export type AuditDeviceSpec = z.input<typeof AuditDevice>;
