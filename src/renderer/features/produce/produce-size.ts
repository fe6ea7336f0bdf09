/**
 * The one check the UI makes before sending a record: the request must fit the UI channel
 * (uiChannelMaxFrameBytes, the broker's socket.request.max.bytes). A broker closes the connection
 * of a larger request without an answer (Kafka's InvalidReceiveException), so the panel refuses it
 * at once in Kafka's words instead. Everything smaller goes to the broker, whose own check
 * (MESSAGE_TOO_LARGE against the topic's max.message.bytes) is the lesson.
 */
import { uiChannelMaxFrameBytes, type ProduceRequest } from '../../../shared/workbench-contract';

/** Bytes of the request as the UI channel carries it (JSON, UTF-8). */
export function requestFrameBytes(request: ProduceRequest): number {
  const json = JSON.stringify(request);
  // Every UTF-16 unit encodes to at most 3 UTF-8 bytes: encode only when it could matter.
  if (json.length * 3 <= uiChannelMaxFrameBytes) return json.length;
  return new TextEncoder().encode(json).length;
}

/** null when the request may be sent; otherwise the refusal, in Kafka's error and config names. */
export function refuseOversized(request: ProduceRequest): { errorName: string; explanation: string } | null {
  const bytes = requestFrameBytes(request);
  if (bytes <= uiChannelMaxFrameBytes) return null;
  return {
    errorName: 'MESSAGE_TOO_LARGE',
    explanation: `Refused by the UI before sending: this request is ${bytes.toLocaleString('en-US')} bytes, more than socket.request.max.bytes=${uiChannelMaxFrameBytes} (the most a broker reads as one request; it closes the connection of a larger one without an answer). The topic's max.message.bytes (default 1048588, from the broker's message.max.bytes) is far lower, so the broker would refuse this record anyway.`,
  };
}
