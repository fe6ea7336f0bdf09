/**
 * Config entries in the wire shapes of CreateTopics (v5+ configs) and DescribeConfigs (0-4).
 * ConfigSource and ConfigType numbers are Kafka's (DescribeConfigsResponse.json, KIP-226).
 * Synonyms (v1+) list the value that applies and what it overrides, most specific first, with the
 * broker-level name of a topic config (the model's definitions, e.g. retention.ms ↔ log.retention.ms).
 */
import type { ConfigEntryView, ConfigSource } from '../../../shared/cluster-view';
import { TOPIC_CONFIG_BY_NAME } from '../../cluster/config/definitions';

export const CONFIG_SOURCE_CODE: Record<ConfigSource, number> = {
  DYNAMIC_TOPIC_CONFIG: 1,
  DYNAMIC_BROKER_CONFIG: 2,
  DYNAMIC_DEFAULT_BROKER_CONFIG: 3,
  STATIC_BROKER_CONFIG: 4,
  DEFAULT_CONFIG: 5,
};


/** Kafka ConfigType codes: 1 BOOLEAN, 2 STRING, 3 INT, 4 SHORT, 5 LONG, 6 DOUBLE, 7 LIST, 8 CLASS, 9 PASSWORD. */
function configType(entry: ConfigEntryView): number {
  const sample = entry.value ?? entry.defaultValue;
  if (entry.name.endsWith('.policy') || entry.name.endsWith('.types')) return 7;
  if (sample === 'true' || sample === 'false') return 1;
  if (sample !== null && /^-?\d+$/.test(sample)) return /(\.ms|\.bytes|\.messages)$/.test(entry.name) ? 5 : 3;
  if (sample !== null && /^-?\d*\.\d+$/.test(sample)) return 6;
  return 2;
}

export interface DescribeConfigsEntry {
  name: string;
  value: string | null;
  readOnly: boolean;
  isDefault: boolean;
  configSource: number;
  isSensitive: boolean;
  synonyms: { name: string; value: string | null; source: number }[];
  configType: number;
  documentation: string | null;
}

export function describeEntry(entry: ConfigEntryView, resourceIsTopic: boolean, includeSynonyms: boolean, includeDocumentation: boolean): DescribeConfigsEntry {
  const synonyms: DescribeConfigsEntry['synonyms'] = [];
  if (includeSynonyms) {
    // Most specific first: the topic override, the broker setting that supplies it, the default.
    const brokerName = resourceIsTopic ? (TOPIC_CONFIG_BY_NAME.get(entry.name)?.brokerSynonym ?? entry.name) : entry.name;
    const value = entry.sensitive ? null : entry.value;
    if (entry.source === 'DYNAMIC_TOPIC_CONFIG') synonyms.push({ name: entry.name, value, source: CONFIG_SOURCE_CODE.DYNAMIC_TOPIC_CONFIG });
    else synonyms.push({ name: brokerName, value, source: CONFIG_SOURCE_CODE[entry.source] });
    if (entry.source !== 'DEFAULT_CONFIG' && entry.defaultValue !== null) {
      synonyms.push({ name: brokerName, value: entry.sensitive ? null : entry.defaultValue, source: CONFIG_SOURCE_CODE.DEFAULT_CONFIG });
    }
  }
  return {
    name: entry.name,
    value: entry.sensitive ? null : entry.value,
    readOnly: entry.readOnly,
    isDefault: entry.source === 'DEFAULT_CONFIG',
    configSource: CONFIG_SOURCE_CODE[entry.source],
    isSensitive: entry.sensitive,
    synonyms,
    configType: configType(entry),
    documentation: includeDocumentation ? entry.documentation : null,
  };
}

/** CreateTopics v5+ CreatableTopicConfigs entry. */
export function createTopicsConfig(entry: ConfigEntryView): { name: string; value: string | null; readOnly: boolean; configSource: number; isSensitive: boolean } {
  return {
    name: entry.name,
    value: entry.sensitive ? null : entry.value,
    readOnly: entry.readOnly,
    configSource: CONFIG_SOURCE_CODE[entry.source],
    isSensitive: entry.sensitive,
  };
}
