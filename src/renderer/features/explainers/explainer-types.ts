/** The shape of one explainer's content (issue 14): what it is, its configs, what to try, its scenarios, its sources. */
import type { ConceptId } from './concepts';

/** Where a config is set: a broker (server.properties, --config), a topic, or a client. */
export type ConfigScope = 'broker' | 'topic' | 'producer' | 'consumer';

export interface ConfigRef {
  name: string;
  scope: ConfigScope;
  /** Kafka's default exactly as Kafka prints it (ms and bytes as plain numbers), or null for "no default". */
  kafkaDefault: string | null;
  /** The default in plain words, when the number alone says little ("7 days"). */
  readable?: string;
  /** One line: what it governs. */
  meaning: string;
  /** Where Kafka Lab starts with another value, that value and why (see broker/cluster/config/lab-defaults.ts). */
  lab?: { value: string; why: string };
}

/** One step of "what to try": a sentence, and the labels of the app's controls it names. */
export interface TryStep {
  text: string;
  /** Labels of buttons, tabs and fields the step names; each must exist in the UI (ui-labels.ts). */
  controls: string[];
}

export interface Source {
  label: string;
  url: string;
}

export interface Explainer {
  id: ConceptId;
  /** One sentence. */
  summary: string;
  /** A few short paragraphs in our own words. */
  body: string[];
  /** Where Kafka Lab behaves differently from Kafka, if anywhere. */
  labDiffers?: string;
  configs: ConfigRef[];
  tryIt: TryStep[];
  /** Built-in scenario names (resources/scenarios/<name>.json); the first is the main one. */
  scenarios: string[];
  related: ConceptId[];
  sources: Source[];
}
