/**
 * Decoding record keys and values for display. Payloads arrive as base64 (the contract's byte
 * form). `auto` tries JSON, then UTF-8 text, then falls back to hex; an explicit decoder that
 * fails reports why instead of showing garbage.
 */
export type DecoderName = 'auto' | 'json' | 'utf8' | 'hex';

export interface Decoded {
  text: string;
  /** The decoder that produced `text` (auto resolves to one of the others). */
  as: 'json' | 'utf8' | 'hex' | 'null';
  /** Why the requested decoder failed, when it did (text then falls back to hex). */
  error: string | null;
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function toHex(bytes: Uint8Array, max = 4096): string {
  let out = '';
  const n = Math.min(bytes.length, max);
  for (let i = 0; i < n; i++) out += (i > 0 && i % 2 === 0 ? ' ' : '') + bytes[i]!.toString(16).padStart(2, '0');
  return bytes.length > max ? `${out} … (${bytes.length} bytes)` : out;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function utf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/** Decodes a base64 payload; `pretty` indents JSON. */
export function decodePayload(base64: string | null, decoder: DecoderName, pretty = false): Decoded {
  if (base64 === null) return { text: 'null', as: 'null', error: null };
  const bytes = base64ToBytes(base64);
  const hex = () => toHex(bytes);
  const text = utf8(bytes);
  if (decoder === 'hex') return { text: hex(), as: 'hex', error: null };
  if (decoder === 'utf8') return text === null ? { text: hex(), as: 'hex', error: 'not valid UTF-8; shown as hex' } : { text, as: 'utf8', error: null };
  const trimmed = text?.trim() ?? '';
  const looksJson = trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"') || /^-?\d/.test(trimmed) || ['true', 'false', 'null'].includes(trimmed);
  if (text !== null && (decoder === 'json' || looksJson)) {
    try {
      const parsed: unknown = JSON.parse(text);
      return { text: pretty ? JSON.stringify(parsed, null, 2) : JSON.stringify(parsed), as: 'json', error: null };
    } catch (error) {
      if (decoder === 'json') return { text, as: 'utf8', error: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  if (decoder === 'json') return { text: hex(), as: 'hex', error: 'not valid UTF-8, so not JSON; shown as hex' };
  return text === null ? { text: hex(), as: 'hex', error: null } : { text, as: 'utf8', error: null };
}
