/**
 * The handlers by API key. The ONLY source of the ranges ApiVersions advertises: a version is
 * advertised exactly when a handler declares it (ARCHITECTURE §3). Clients pick
 * min(their max, our max) per API, so every advertised version up to the max must be served
 * (KAFKA-PROTOCOL-NOTES "Which versions clients ask for").
 */
import type { ApiHandler } from './handler';

export interface AdvertisedApi {
  apiKey: number;
  minVersion: number;
  maxVersion: number;
}

export class HandlerRegistry {
  private readonly byKey = new Map<number, ApiHandler>();

  constructor(handlers: readonly ApiHandler[]) {
    for (const handler of handlers) {
      if (this.byKey.has(handler.apiKey)) throw new Error(`two handlers for API key ${handler.apiKey}`);
      if (handler.advertised.min > handler.advertised.max) throw new Error(`${handler.apiName}: empty version range`);
      this.byKey.set(handler.apiKey, handler);
    }
  }

  get(apiKey: number): ApiHandler | undefined {
    return this.byKey.get(apiKey);
  }

  /** Sorted by API key, as Kafka lists them. */
  advertised(): AdvertisedApi[] {
    return [...this.byKey.values()]
      .sort((a, b) => a.apiKey - b.apiKey)
      .map((h) => ({ apiKey: h.apiKey, minVersion: h.advertised.min, maxVersion: h.advertised.max }));
  }

  all(): ApiHandler[] {
    return [...this.byKey.values()].sort((a, b) => a.apiKey - b.apiKey);
  }
}
