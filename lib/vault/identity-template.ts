/**
 * Vault's identity templating in JSON mode, as OIDC scope and identity-token role templates use
 * it (Vault docs, secrets/identity/identity-token "Token contents and templates";
 * sdk/helper/identitytpl/templating.go): a parameter such as `{{identity.entity.metadata.team}}`
 * stands unquoted where a JSON value goes, and Vault writes the value as JSON (a string quoted, a
 * list as an array). Such a template is not JSON until rendered; to read its claims, each
 * parameter outside a string is replaced by a JSON string holding it.
 */

/** A template parameter: `{{ … }}`. */
const PARAMETER = /\{\{\s*([^{}]*?)\s*\}\}/y;

/** The parameters Vault's JSON-mode templating knows (identitytpl `performTemplating`). */
const KNOWN_PARAMETERS: readonly RegExp[] = [
  /^identity\.entity\.(id|name|groups\.ids|groups\.names|metadata)$/,
  /^identity\.entity\.metadata\.[^.\s]+$/,
  /^identity\.entity\.aliases\.[^.\s]+\.(id|name|metadata|custom_metadata)$/,
  /^identity\.entity\.aliases\.[^.\s]+\.(metadata|custom_metadata)\.[^.\s]+$/,
  /^identity\.groups\.(ids|names)\.[^.\s]+\.(id|name)$/,
  /^identity\.groups\.(ids|names)\.[^.\s]+\.metadata\.[^.\s]+$/,
  /^time\.now$/,
  /^time\.now\.(plus|minus)\.[0-9]+[smhd]?$/,
];

export function isVaultTemplateParameter(parameter: string): boolean {
  return KNOWN_PARAMETERS.some((p) => p.test(parameter));
}

/** The template with every parameter outside a JSON string replaced by the string `"{{…}}"`, and the parameters found there. */
export function quoteTemplateParameters(text: string): { readonly json: string; readonly parameters: readonly string[] } {
  // Text is copied in runs (from `run` up to a parameter), not character by character.
  let out = '';
  let run = 0;
  const parameters: string[] = [];
  let inString = false;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH && i + 1 < text.length) {
        i += 2;
        continue;
      }
      if (c === QUOTE) inString = false;
      i++;
      continue;
    }
    if (c === QUOTE) {
      inString = true;
      i++;
      continue;
    }
    // A parameter starts with `{{`: nothing else can match here.
    if (c === OPEN_BRACE) {
      PARAMETER.lastIndex = i;
      const m = PARAMETER.exec(text);
      if (m) {
        parameters.push(m[1]!);
        out += text.slice(run, i) + JSON.stringify(`{{${m[1]}}}`);
        i = PARAMETER.lastIndex;
        run = i;
        continue;
      }
    }
    i++;
  }
  return { json: out + text.slice(run), parameters };
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
