import fc from 'fast-check';
import { quoteTemplateParameters } from '../../lib/vault/identity-template';

/** The reading character by character: strings (with their escapes) copied, each parameter outside one quoted. */
function reference(text: string): { json: string; parameters: string[] } {
  const parameter = /\{\{\s*([^{}]*?)\s*\}\}/y;
  let json = '';
  const parameters: string[] = [];
  let inString = false;
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (inString) {
      json += c;
      if (c === '\\' && i + 1 < text.length) {
        json += text[i + 1];
        i += 2;
        continue;
      }
      if (c === '"') inString = false;
      i++;
      continue;
    }
    if (c === '"') {
      inString = true;
      json += c;
      i++;
      continue;
    }
    parameter.lastIndex = i;
    const m = parameter.exec(text);
    if (m) {
      parameters.push(m[1]!);
      json += JSON.stringify(`{{${m[1]}}}`);
      i = parameter.lastIndex;
      continue;
    }
    json += c;
    i++;
  }
  return { json, parameters };
}

describe('quoteTemplateParameters', () => {
  it('quotes parameters in value position and leaves strings alone', () => {
    expect(quoteTemplateParameters('{"a":{{identity.entity.name}},"b":"{{x}}","c":[{{ time.now }}]}')).toEqual({
      json: '{"a":"{{identity.entity.name}}","b":"{{x}}","c":["{{time.now}}"]}',
      parameters: ['identity.entity.name', 'time.now'],
    });
  });

  it('reads any text as the character-by-character reading does', () => {
    const pieces = fc.constantFrom('{', '}', '{{', '}}', '"', '\\', '\\"', ' ', 'a', ':', ',', '{{identity.entity.id}}', '{{ x.y }}', '{{{');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 20 }).map((a) => a.join('')), (text) => {
        expect(quoteTemplateParameters(text)).toEqual(reference(text));
      }),
      { numRuns: 2000 },
    );
  });
});
