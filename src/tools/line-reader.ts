/**
 * Kafka's LineMessageReader (org.apache.kafka.tools.LineMessageReader), the console producer's
 * record reader: each line is `[headers<headers.delimiter>][key<key.separator>]value`, with
 * `parse.key`, `key.separator` (default tab), `parse.headers`, `headers.delimiter` (tab),
 * `headers.separator` (`,`), `headers.key.separator` (`:`), `null.marker` and `ignore.error`.
 * A line without the separator it needs throws Kafka's message (`No key separator found on line
 * number N: 'line'`) unless ignore.error=true.
 */
export interface LineRecord { key: string | null; value: string | null; headers: Record<string, string | null> }

export interface LineReaderProps {
  parseKey: boolean; keySeparator: string;
  parseHeaders: boolean; headersDelimiter: string; headersSeparator: string; headersKeySeparator: string;
  ignoreError: boolean; nullMarker: string | null;
}

export function lineReaderProps(props: Record<string, string>): LineReaderProps {
  const bool = (k: string) => (props[k] ?? '').trim().toLowerCase() === 'true';
  return {
    parseKey: bool('parse.key'), keySeparator: props['key.separator'] ?? '\t',
    parseHeaders: bool('parse.headers'), headersDelimiter: props['headers.delimiter'] ?? '\t',
    headersSeparator: props['headers.separator'] ?? ',', headersKeySeparator: props['headers.key.separator'] ?? ':',
    ignoreError: bool('ignore.error'), nullMarker: props['null.marker'] ?? null,
  };
}

export function readLine(line: string, lineNumber: number, p: LineReaderProps): LineRecord {
  let rest = line;
  const headers: Record<string, string | null> = {};
  if (p.parseHeaders) {
    const at = rest.indexOf(p.headersDelimiter);
    if (at < 0) {
      if (!p.ignoreError) throw new Error(`No headers delimiter found on line number ${lineNumber}: '${line}'`);
    } else {
      const text = rest.slice(0, at);
      rest = rest.slice(at + p.headersDelimiter.length);
      if (text !== p.nullMarker) {
        for (const pair of text.split(p.headersSeparator)) {
          const k = pair.indexOf(p.headersKeySeparator);
          if (k < 0) headers[pair] = null;
          else {
            const value = pair.slice(k + p.headersKeySeparator.length);
            headers[pair.slice(0, k)] = value === p.nullMarker ? null : value;
          }
        }
      }
    }
  }
  let key: string | null = null;
  if (p.parseKey) {
    const at = rest.indexOf(p.keySeparator);
    if (at < 0) {
      if (!p.ignoreError) throw new Error(`No key separator found on line number ${lineNumber}: '${line}'`);
    } else {
      key = rest.slice(0, at);
      rest = rest.slice(at + p.keySeparator.length);
      if (key === p.nullMarker) key = null;
    }
  }
  return { key, value: rest === p.nullMarker ? null : rest, headers };
}
