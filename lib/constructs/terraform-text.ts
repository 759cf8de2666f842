/**
 * Plain text in Terraform configuration.
 *
 * Terraform reads every string of a resource as a template, in JSON as in HCL: a name, URL or
 * description containing `${` or `%{` would be evaluated (an error at best, a reference to
 * another resource's attributes at worst). The constructs take plain text and write it with
 * `terraformText`, which doubles the openers (`$${`, `%%{`) so Terraform, and Vault after it, get
 * exactly the text given. References (CDKTF tokens) inside a string are left as they are, so
 * `${mount.path}/config` still refers to the mount and only its literal part is escaped.
 *
 * Constructs pass plain text to each other (an alias name, an issuer) and escape only where a
 * value enters a resource's configuration, so nothing is escaped twice.
 */
import { joinTemplate } from '../terraform/template';

/** CDKTF's string, list and map token markers (cdktf 0.21, lib/tokens/private/encoding.ts). */
const TOKEN_MARKER = /([$#&]\{TfToken\[[a-zA-Z0-9:._-]+\]\})/;

/** `text` as a Terraform string whose value is `text`; token markers (references) are kept. */
export function terraformText(text: string): string {
  return joinTemplate(text.split(TOKEN_MARKER).map((part, i) => (i % 2 === 1 ? { sequence: part } : { text: part })));
}

export function terraformTexts(texts: readonly string[]): string[] {
  return texts.map(terraformText);
}
