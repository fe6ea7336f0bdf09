/**
 * Validation of static broker configs given to the host (CLI --config key=value). Names and value
 * rules are the model's Kafka config definitions, plus the listener configs the wire layer owns.
 */
import { validateValue } from '../cluster/config/configs';
import { BROKER_CONFIG_BY_NAME, type ConfigDef } from '../cluster/config/definitions';
import { LISTENER_BROKER_CONFIGS } from '../cluster/config/listener-definitions';

/** Configs enforced by the wire layer rather than the model (Kafka SocketServerConfigs). */
export const WIRE_CONFIGS: ConfigDef[] = [
  { name: 'socket.request.max.bytes', type: 'int', defaultValue: '104857600', min: 1, documentation: 'Largest request frame a broker accepts; larger frames close the connection.' },
];

const WIRE_CONFIG_BY_NAME = new Map(WIRE_CONFIGS.map((d) => [d.name, d]));

/** Configs Kafka takes per listener (listener.name.<l>.<config>). */
const LISTENER_PREFIXABLE = new Map(LISTENER_BROKER_CONFIGS.filter((d) => d.name.startsWith('ssl.') || d.name.startsWith('sasl.') || d.name === 'connections.max.reauth.ms').map((d) => [d.name, d]));

/** A sentence naming the first invalid entry, or null when all are valid. */
export function validateBrokerConfig(configs: Record<string, string>): string | null {
  for (const [name, value] of Object.entries(configs)) {
    // Issue 16: Kafka's per-listener prefix, listener.name.<listener>.<config>, validated as <config>.
    const listenerPrefixed = /^listener\.name\.[a-z0-9_]+\.(.+)$/.exec(name);
    const def = BROKER_CONFIG_BY_NAME.get(name) ?? WIRE_CONFIG_BY_NAME.get(name) ?? (listenerPrefixed ? LISTENER_PREFIXABLE.get(listenerPrefixed[1]!) : undefined);
    if (!def) return `unknown broker config "${name}"`;
    if (def.readOnly) return `broker config "${name}" is set by kafka-lab itself and cannot be overridden`;
    const problem = validateValue(def, value);
    if (problem) return problem;
  }
  return null;
}

/** Splits host-level configs into the model's and the wire layer's. */
export function splitBrokerConfig(configs: Record<string, string>): { model: Record<string, string>; wire: Record<string, string> } {
  const model: Record<string, string> = {};
  const wire: Record<string, string> = {};
  for (const [name, value] of Object.entries(configs)) (WIRE_CONFIG_BY_NAME.has(name) || name.startsWith('listener.name.') ? wire : model)[name] = value;
  return { model, wire };
}
