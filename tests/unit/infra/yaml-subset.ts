/**
 * Reads the small part of YAML that m365agents.yml is written in, so its tests need no YAML
 * library: mappings (`key: value`, `key:` with a deeper block), sequences of mappings or
 * scalars (`- ...`), plain or quoted scalars, and # comments. Anything else (tabs, flow
 * collections, anchors, multi-line strings, a key twice) is refused with its line number, so
 * the file cannot drift into YAML this reader would misread.
 */

export type YamlValue = string | YamlValue[] | { [key: string]: YamlValue };
export type YamlMap = { [key: string]: YamlValue };

interface Line {
  indent: number;
  text: string;
  no: number;
}

const KEY = /^([A-Za-z_][\w-]*):(?:\s+(.*))?$/;

function scalar(raw: string, no: number): string {
  if (/^["']/.test(raw)) {
    const quote = raw[0]!;
    if (!raw.endsWith(quote) || raw.length < 2) throw new Error(`line ${no}: a quoted value must close on the same line`);
    return raw.slice(1, -1);
  }
  if (/^[[{&*!|>%@`]/.test(raw)) throw new Error(`line ${no}: "${raw}" uses YAML this reader does not accept`);
  return raw;
}

/** Parses the text; throws naming the line when it steps outside the subset. */
export function parseYamlSubset(source: string): YamlMap {
  const lines: Line[] = [];
  source.split(/\r?\n/).forEach((raw, i) => {
    const text = raw.replace(/(^|\s)#.*$/, '').trimEnd();
    if (text.trim() === '') return;
    const indent = text.search(/\S/);
    if (text.slice(0, indent).includes('\t')) throw new Error(`line ${i + 1}: indent with spaces, not tabs`);
    lines.push({ indent, text: text.trim(), no: i + 1 });
  });
  let pos = 0;

  const isItem = (line: Line) => line.text === '-' || line.text.startsWith('- ');

  function block(): YamlValue {
    const first = lines[pos]!;
    return isItem(first) ? sequence(first.indent) : mapping(first.indent);
  }

  function mapping(indent: number): YamlMap {
    const out: YamlMap = {};
    while (pos < lines.length && lines[pos]!.indent === indent && !isItem(lines[pos]!)) {
      const { text, no } = lines[pos]!;
      const m = KEY.exec(text);
      if (!m) throw new Error(`line ${no}: expected "key: value" or "key:"`);
      const key = m[1]!;
      if (Object.hasOwn(out, key)) throw new Error(`line ${no}: "${key}" is given twice`);
      pos++;
      if (m[2] !== undefined) out[key] = scalar(m[2], no);
      else if (pos < lines.length && lines[pos]!.indent > indent) out[key] = block();
      else out[key] = '';
    }
    if (pos < lines.length && lines[pos]!.indent > indent) throw new Error(`line ${lines[pos]!.no}: unexpected indentation`);
    return out;
  }

  function sequence(indent: number): YamlValue[] {
    const out: YamlValue[] = [];
    while (pos < lines.length && lines[pos]!.indent === indent && isItem(lines[pos]!)) {
      const { text, no } = lines[pos]!;
      const rest = text.slice(1).trimStart();
      if (KEY.test(rest)) {
        // "- key: value" opens a mapping whose keys line up with "key".
        lines[pos] = { indent: indent + 2, text: rest, no };
        out.push(mapping(indent + 2));
      } else {
        pos++;
        out.push(scalar(rest, no));
      }
    }
    return out;
  }

  const top = lines.length === 0 ? {} : mapping(0);
  if (pos < lines.length) throw new Error(`line ${lines[pos]!.no}: unexpected indentation`);
  return top;
}
