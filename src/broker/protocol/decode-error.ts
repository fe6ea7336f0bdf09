/**
 * The one error type of every decoder in this folder: thrown for any malformed, truncated or
 * unsupported input. `reason` lets the wire layer choose a response (UNSUPPORTED_VERSION,
 * INVALID_REQUEST, or closing the connection).
 */
export class ProtocolDecodeError extends Error {
  override readonly name = 'ProtocolDecodeError';
  constructor(
    message: string,
    readonly reason: 'malformed' | 'unknown-api' | 'unsupported-version' = 'malformed',
  ) {
    super(message);
  }
}
