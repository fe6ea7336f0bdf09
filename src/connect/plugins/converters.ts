/**
 * Converters between Connect values and record bytes: StringConverter
 * (org.apache.kafka.connect.storage.StringConverter, UTF-8 text) and JsonConverter
 * (org.apache.kafka.connect.json.JsonConverter; with schemas.enable=true, its default, a string is
 * the envelope `{"schema":{"type":"string","optional":false},"payload":"…"}`). The lab's connectors
 * carry string values only.
 */

export type Converter = { fromString(value: string): Buffer; toString(bytes: Buffer | null): string | null };

export const STRING_CONVERTER = 'org.apache.kafka.connect.storage.StringConverter';
export const JSON_CONVERTER = 'org.apache.kafka.connect.json.JsonConverter';

/** Builds the converter named by `prefix` (`value.converter`) in `config`; throws on an unknown class. */
export function converterFor(config: Record<string, string>, prefix: string, workerDefault: string): Converter {
  const className = config[prefix] ?? workerDefault;
  if (className === STRING_CONVERTER) {
    return { fromString: (v) => Buffer.from(v, 'utf8'), toString: (b) => (b === null ? null : b.toString('utf8')) };
  }
  if (className === JSON_CONVERTER) {
    const schemas = (config[`${prefix}.schemas.enable`] ?? 'true').trim().toLowerCase() !== 'false';
    return {
      fromString: (v) => Buffer.from(JSON.stringify(schemas ? { schema: { type: 'string', optional: false }, payload: v } : v), 'utf8'),
      toString: (b) => {
        if (b === null) return null;
        const parsed = JSON.parse(b.toString('utf8')) as unknown;
        const payload = schemas && parsed && typeof parsed === 'object' && 'payload' in parsed ? (parsed as { payload: unknown }).payload : parsed;
        return payload === null ? null : typeof payload === 'string' ? payload : JSON.stringify(payload);
      },
    };
  }
  throw new Error(`Class ${className} could not be found (converters here: ${STRING_CONVERTER}, ${JSON_CONVERTER})`);
}
