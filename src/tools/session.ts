/**
 * The kafkajs client a tool runs with: `--bootstrap-server` plus the client properties of
 * `--command-config` (client-config.ts), kafkajs's own logging silenced (the tool prints Kafka's
 * messages instead), and the cleanup every tool does on exit.
 */
import { Kafka, logLevel, type Admin, type KafkaConfig } from 'kafkajs';
import { kafkajsConnection, loadProperties, type ClientProperties } from './client-config';
import { UsageError, type ParsedOptions } from './options';
import type { ConnectionSettings } from './protocol-client';

/** The properties of `--<configOption>` merged under the `k=v` of `--<propertyOption>` (later wins). */
export function clientProperties(options: ParsedOptions, configOption: string, extra: ClientProperties = {}): ClientProperties {
  const file = options.value(configOption);
  return { ...(file !== undefined ? loadProperties(file) : {}), ...extra };
}

/** The connection settings of --bootstrap-server and these properties (kafkajs's and protocol-client.ts's). */
export function connectionSettings(options: ParsedOptions, props: ClientProperties, clientId: string): ConnectionSettings {
  const bootstrap = options.value('bootstrap-server');
  if (bootstrap === undefined) throw new UsageError('Missing required argument "[bootstrap-server]"');
  return kafkajsConnection(bootstrap, props, clientId);
}

/** A kafkajs client for the tool; retries are few so an unreachable cluster fails within seconds. */
export function kafkaClient(options: ParsedOptions, props: ClientProperties, clientId: string, extra: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    ...connectionSettings(options, props, clientId),
    logLevel: logLevel.NOTHING,
    retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 2000 },
    ...extra,
  });
}

/** Runs `fn` with a connected Admin client, disconnecting it whatever happens. */
export async function withAdmin<T>(kafka: Kafka, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * An error's message as Kafka's tools print it: a kafkajs protocol error by Kafka's error name's
 * message (`type` is Kafka's error code name, e.g. TOPIC_ALREADY_EXISTS), a connection failure
 * with the address it could not reach.
 */
export function errorMessage(err: unknown): string {
  const e = err as { message?: string; type?: string; errors?: unknown[]; originalError?: unknown; cause?: unknown };
  if (e && typeof e === 'object') {
    if (Array.isArray(e.errors) && e.errors.length > 0) return e.errors.map(errorMessage).join('; ');
    if (e.originalError) return errorMessage(e.originalError);
  }
  return e?.message ?? String(err);
}
