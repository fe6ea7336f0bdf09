/**
 * Kafka's DefaultMessageFormatter (org.apache.kafka.tools.consumer.DefaultMessageFormatter), the
 * console consumer's output: per record, in this order and each only when asked for,
 * `CreateTime:<ms>` (or `LogAppendTime:<ms>`, `NO_TIMESTAMP`), `Partition:<n>`, `Offset:<n>`, the
 * headers (`k:v,k2:v2` or `NO_HEADERS`), the key, then the value, separated by `key.separator`
 * (tab) and ended by `line.separator` (newline). Properties: print.timestamp, print.partition,
 * print.offset, print.headers, print.key, print.value (default true), key.separator,
 * line.separator, headers.separator, headers.key.separator, null.literal.
 */
export interface FormattedRecord {
  partition: number;
  offset: string;
  /** ms since the epoch, as the broker sent it; -1 for none. */
  timestamp: string;
  /** 0 CreateTime, 1 LogAppendTime, -1 none (Kafka's TimestampType ids). */
  timestampType: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: [string, Buffer | null][];
}

export interface FormatterProps {
  printTimestamp: boolean; printPartition: boolean; printOffset: boolean; printHeaders: boolean; printKey: boolean; printValue: boolean;
  keySeparator: string; lineSeparator: string; headersSeparator: string; headersKeySeparator: string; nullLiteral: string;
}

export function formatterProps(props: Record<string, string>): FormatterProps {
  const bool = (k: string, dflt: boolean) => (props[k] === undefined ? dflt : props[k]!.trim().toLowerCase() === 'true');
  return {
    printTimestamp: bool('print.timestamp', false), printPartition: bool('print.partition', false), printOffset: bool('print.offset', false),
    printHeaders: bool('print.headers', false), printKey: bool('print.key', false), printValue: bool('print.value', true),
    keySeparator: props['key.separator'] ?? '\t', lineSeparator: props['line.separator'] ?? '\n',
    headersSeparator: props['headers.separator'] ?? ',', headersKeySeparator: props['headers.key.separator'] ?? ':', nullLiteral: props['null.literal'] ?? 'null',
  };
}

const TIMESTAMP_TYPE_NAMES: Record<number, string> = { 0: 'CreateTime', 1: 'LogAppendTime' };

export function formatRecord(r: FormattedRecord, p: FormatterProps): string {
  const text = (b: Buffer | null) => (b === null ? p.nullLiteral : b.toString('utf8'));
  const fields: string[] = [];
  if (p.printTimestamp) fields.push(r.timestampType in TIMESTAMP_TYPE_NAMES && r.timestamp !== '-1' ? `${TIMESTAMP_TYPE_NAMES[r.timestampType]}:${r.timestamp}` : 'NO_TIMESTAMP');
  if (p.printPartition) fields.push(`Partition:${r.partition}`);
  if (p.printOffset) fields.push(`Offset:${r.offset}`);
  if (p.printHeaders) fields.push(r.headers.length === 0 ? 'NO_HEADERS' : r.headers.map(([k, v]) => `${k}${p.headersKeySeparator}${text(v)}`).join(p.headersSeparator));
  if (p.printKey) fields.push(text(r.key));
  if (p.printValue) fields.push(text(r.value));
  return fields.join(p.keySeparator) + (p.printValue ? p.lineSeparator : '');
}
