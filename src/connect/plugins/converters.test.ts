import { describe, expect, it } from 'vitest';
import { converterFor, JSON_CONVERTER, STRING_CONVERTER } from './converters';

describe('converters', () => {
  it('StringConverter carries the text as UTF-8', () => {
    const c = converterFor({}, 'value.converter', STRING_CONVERTER);
    expect(c.fromString('héllo').toString('utf8')).toBe('héllo');
    expect(c.toString(Buffer.from('héllo'))).toBe('héllo');
    expect(c.toString(null)).toBeNull();
  });
  it('JsonConverter writes the schema envelope unless schemas.enable=false, and reads both', () => {
    const enveloped = converterFor({ 'value.converter': JSON_CONVERTER }, 'value.converter', STRING_CONVERTER);
    expect(enveloped.fromString('hi').toString()).toBe('{"schema":{"type":"string","optional":false},"payload":"hi"}');
    expect(enveloped.toString(Buffer.from('{"schema":{"type":"string","optional":false},"payload":"hi"}'))).toBe('hi');
    const plain = converterFor({ 'value.converter': JSON_CONVERTER, 'value.converter.schemas.enable': 'false' }, 'value.converter', STRING_CONVERTER);
    expect(plain.fromString('hi').toString()).toBe('"hi"');
    expect(plain.toString(Buffer.from('{"a":1}'))).toBe('{"a":1}');
    expect(() => enveloped.toString(Buffer.from('not json'))).toThrow();
  });
  it('refuses a converter class it does not have', () => {
    expect(() => converterFor({ 'value.converter': 'io.confluent.connect.avro.AvroConverter' }, 'value.converter', STRING_CONVERTER)).toThrow('Class io.confluent.connect.avro.AvroConverter could not be found');
  });
});
