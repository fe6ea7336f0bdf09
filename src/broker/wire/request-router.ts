/**
 * Turns one request frame into a response (or none, or a close), never throwing.
 *
 * Order of checks follows Kafka's SocketServer/KafkaApis:
 * 1. fewer than 8 bytes cannot hold apiKey/apiVersion/correlationId: close;
 * 2. an API key we do not serve: close (Kafka: InvalidRequestException "Unknown API key");
 * 3. ApiVersions above our max: answer in the v0 body format with UNSUPPORTED_VERSION and our
 *    ranges, parsing nothing more (KIP-511), so the client retries with a lower version;
 * 4. any other version outside the advertised range, or below a handler's served minimum
 *    (Produce 0-2, advertised only for librdkafka, KAFKA-18659): close, as Kafka 4.0 does;
 * 5. a body the codec cannot decode: close (ProtocolDecodeError); ApiVersions instead gets
 *    INVALID_REQUEST, as Kafka answers a malformed ApiVersions;
 * 6. the handler; an unexpected throw or rejection is answered UNKNOWN_SERVER_ERROR in the
 *    request's shape where the response schema has an errorCode (error-response.ts, as Kafka's
 *    getErrorResponse), else it closes only this connection. InvalidRequestError always closes.
 * 6a. a request fault rule that hits the request (issue 18, request-faults-hook.ts) answers it
 *    with its error, delays its response, or closes the connection, before or around step 6;
 * 7. every response carries the request_percentage throttle time when larger than its own
 *    (request-quota.ts, KIP-124), and the channel is muted for it (KIP-219).
 */
import {
  decodeRequestBody,
  decodeRequestHeader,
  encodeApiVersionsFallback,
  encodeResponseChunks,
  errorCode,
  apiSchemas,
} from '../protocol';
import { errorResponseBody } from './error-response';
import type { SplitFrame } from './frame-decoder';
import { dropByteFields, rehomeScratchViews } from './split-frame';
import type { BrokerServices } from './broker-services';
import type { Connection, ResponseBytes, RouteResult } from './connection';
import { InvalidRequestError, NO_RESPONSE, type ApiHandler, type Body, type RequestContext } from './handler';
import { RequestTime, withThrottleTime } from './request-quota';
import { afterWallMs, takeRequestFault } from './request-faults-hook';
import { SASL_AUTHENTICATE_KEY, SASL_HANDSHAKE_KEY, type SaslAnswer } from './sasl/authenticator';

export const API_VERSIONS_KEY = 18;

/**
 * Routes one request frame. `split`: the frame is the shared scratch assembly of a frame that
 * arrived across reads (frame-decoder.ts): byte fields of the decoded body are rehomed to the
 * received chunks before anything keeps them, unless the handler keeps none (keepsNoRequestBytes).
 */
export function routeRequest(frame: Buffer, connection: Connection, services: BrokerServices, split: SplitFrame | null = null): RouteResult {
  const sasl = connection.authenticator;
  const requestTime = new RequestTime(frame.length >= 2 ? frame.readInt16BE(0) : -1, sasl !== null && sasl !== undefined && !sasl.authenticated);
  // After SaslHandshake v0 the client sends raw SASL tokens, not requests (KIP-152).
  if (sasl?.expectsRawToken) return rawSaslToken(frame, connection);
  if (frame.length < 8) return { kind: 'close', reason: `request of ${frame.length} bytes is shorter than a request header` };
  const apiKey = frame.readInt16BE(0);
  const apiVersion = frame.readInt16BE(2);
  const correlationId = frame.readInt32BE(4);
  const handler = services.handlers.get(apiKey);
  if (!handler) return { kind: 'close', reason: `unknown or unserved API key ${apiKey}` };
  if (sasl) {
    // A SASL listener serves only ApiVersions and the SASL exchange until authenticated (SaslServerAuthenticator).
    const verdict = sasl.admit(apiKey);
    if (verdict.kind === 'close') return verdict;
  }

  if (apiKey === API_VERSIONS_KEY && apiVersion > handler.advertised.max) {
    services.connections.requestReceived(connection.connectionId, apiKey, handler.apiName, apiVersion, null);
    const response = encodeApiVersionsFallback(correlationId, errorCode('UNSUPPORTED_VERSION'), services.handlers.advertised());
    return { kind: 'response', response };
  }
  if (apiVersion < handler.advertised.min || apiVersion > handler.advertised.max) {
    return { kind: 'close', reason: `${handler.apiName} v${apiVersion} is outside the advertised ${handler.advertised.min}-${handler.advertised.max}` };
  }
  if (handler.servedMin !== undefined && apiVersion < handler.servedMin) {
    return { kind: 'close', reason: `${handler.apiName} v${apiVersion} is advertised for compatibility but not served (served from v${handler.servedMin})` };
  }

  let clientId: string | null;
  let body: Body;
  try {
    const decoded = decodeRequestHeader(frame);
    clientId = decoded.header.clientId;
    body = decodeRequestBody(apiKey, apiVersion, frame, decoded.bodyOffset) as Body;
    if (split !== null && !handler.keepsNoRequestBytes) body = rehomeScratchViews(body, split);
  } catch (err) {
    const reason = `cannot decode ${handler.apiName} v${apiVersion}: ${err instanceof Error ? err.message : String(err)}`;
    if (apiKey === API_VERSIONS_KEY) {
      // Kafka answers a malformed ApiVersions with INVALID_REQUEST (ApiVersionsRequest.isValid).
      return { kind: 'response', response: encodeApiVersionsFallback(correlationId, errorCode('INVALID_REQUEST'), services.handlers.advertised()) };
    }
    return { kind: 'close', reason };
  }

  services.connections.requestReceived(connection.connectionId, apiKey, handler.apiName, apiVersion, clientId, body);
  if (sasl?.intercepts(apiKey)) {
    const verdict = apiKey === SASL_HANDSHAKE_KEY
      ? sasl.handshake(String(body.mechanism), apiVersion)
      : apiKey === SASL_AUTHENTICATE_KEY ? sasl.authenticate(body.authBytes as Buffer, apiVersion) : null;
    if (verdict?.kind === 'answer') {
      const written = (answer: SaslAnswer): ResponseBytes => {
        if (answer.closeAfter !== undefined) connection.endAfterFlush(answer.closeAfter);
        const chunks = encodeResponseChunks(apiKey, apiVersion, correlationId, answer.body);
        return chunks.length === 1 ? chunks[0]! : chunks;
      };
      return { kind: 'response', response: verdict.answer instanceof Promise ? verdict.answer.then(written) : written(verdict.answer) };
    }
    if (verdict?.kind === 'close') return verdict;
  }
  const context: RequestContext = {
    brokerId: connection.brokerId,
    connectionId: connection.connectionId,
    clientId,
    clientAddress: connection.remoteAddress,
    apiVersion,
    correlationId,
    services,
    security: connection.security,
    muteChannel: (ms) => connection.muteFor(ms),
    requestThrottleTimeMs: () => requestTime.throttleTimeMs(context),
  };

  const encode = (responseBody: Body): ResponseBytes => {
    // Issue 16: request_percentage (request-quota.ts): the response says the larger throttle time.
    if (!requestTime.quotaApplies(context)) {
      const chunks = encodeResponseChunks(apiKey, apiVersion, correlationId, responseBody);
      return chunks.length === 1 ? chunks[0]! : chunks;
    }
    const throttled = withThrottleTime(apiKey, apiVersion, responseBody, requestTime.throttleTimeMs(context));
    const encodeStart = process.hrtime.bigint();
    const chunks = encodeResponseChunks(apiKey, apiVersion, correlationId, throttled);
    requestTime.recordNetworkTime(process.hrtime.bigint() - encodeStart);
    return chunks.length === 1 ? chunks[0]! : chunks;
  };
  const fault = takeRequestFault(services, connection.brokerId, handler.apiName, clientId, body);
  if (fault === null) return callHandler(handler, body, context, encode, requestTime);
  switch (fault.kind) {
    case 'disconnect':
      return { kind: 'close', reason: `request fault: ${handler.apiName} v${apiVersion} answered by closing the connection` };
    case 'error': {
      // Produce with acks=0 is never answered, an error included (Kafka's KafkaApis.handleProduceRequest).
      if (apiKey === 0 && body.acks === 0) return { kind: 'none' };
      const errorBody = errorResponseBody(apiSchemas.get(apiKey)!.response, apiVersion, body, errorCode(fault.errorName));
      if (errorBody === null) return { kind: 'close', reason: `request fault: ${handler.apiName} v${apiVersion} has no error code to carry ${fault.errorName}; connection closed` };
      return { kind: 'response', response: encode(errorBody) };
    }
    case 'delay': {
      const result = callHandler(handler, body, context, encode, requestTime);
      return result.kind === 'response' ? { kind: 'response', response: afterWallMs(fault.delayMs, result.response) } : result;
    }
  }
}

/** Step 6: the handler's answer, encoded; a throw or rejection answered UNKNOWN_SERVER_ERROR where the response can carry it. */
function callHandler(handler: ApiHandler, body: Body, context: RequestContext, encode: (body: Body) => ResponseBytes, requestTime: RequestTime): RouteResult {
  const { apiVersion, services, connectionId } = context;
  const apiKey = handler.apiKey;
  try {
    const result = handler.handle(body, context);
    requestTime.handlerReturned();
    if (result === NO_RESPONSE) {
      requestTime.throttleTimeMs(context);
      return { kind: 'none' };
    }
    if (result instanceof Promise) {
      // The error answer below needs the request's shape, not its bytes (views of the socket read).
      if (handler.keepsNoRequestBytes) dropByteFields(body);
      return {
        kind: 'response',
        response: result.then(
          (responseBody) => ((responseBody as unknown) === NO_RESPONSE ? null : encode(responseBody)),
        ).catch((err: unknown) => {
          services.log('warn', `${handler.apiName} v${apiVersion} from ${connectionId} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
          const answer = unknownServerError(apiKey, apiVersion, body, encode);
          if (answer === null) throw err;
          return answer;
        }),
      };
    }
    return { kind: 'response', response: encode(result) };
  } catch (err) {
    if (err instanceof InvalidRequestError) return { kind: 'close', reason: `invalid ${handler.apiName} v${apiVersion}: ${err.message}` };
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    services.log('warn', `${handler.apiName} v${apiVersion} from ${connectionId} failed: ${message}`);
    const answer = unknownServerError(apiKey, apiVersion, body, encode);
    return answer === null ? { kind: 'close', reason: `${handler.apiName} handler failed` } : { kind: 'response', response: answer };
  }
}

/** A raw SASL token after SaslHandshake v0, answered by a raw size-prefixed token; a failure closes. */
function rawSaslToken(frame: Buffer, connection: Connection): RouteResult {
  const verdict = connection.authenticator!.rawToken(frame);
  if (verdict.kind === 'close') return verdict;
  if (verdict.kind !== 'raw') return { kind: 'close', reason: 'unexpected SASL state' };
  const framed = (token: Buffer | null): Buffer | null => {
    if (token === null) {
      connection.endAfterFlush('SASL authentication failed (raw token exchange)');
      return null;
    }
    const out = Buffer.allocUnsafe(4 + token.length);
    out.writeInt32BE(token.length, 0);
    token.copy(out, 4);
    return out;
  };
  return { kind: 'response', response: verdict.token instanceof Promise ? verdict.token.then(framed) : framed(verdict.token)! };
}

/** UNKNOWN_SERVER_ERROR (-1) in the request's shape, or null when the schema has no place for it. */
function unknownServerError(apiKey: number, apiVersion: number, request: Body, encode: (body: Body) => ResponseBytes): ResponseBytes | null {
  try {
    const body = errorResponseBody(apiSchemas.get(apiKey)!.response, apiVersion, request, errorCode('UNKNOWN_SERVER_ERROR'));
    return body === null ? null : encode(body);
  } catch {
    return null;
  }
}
