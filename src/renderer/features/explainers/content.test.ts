/*
 * The explainers' facts checked against their sources of truth: the broker's config definitions
 * (what DescribeConfigs reports as default), the lab's start values (lab-defaults.ts), the Java
 * client defaults table (client-config-defaults.ts, cited to ProducerConfig/ConsumerConfig), the
 * built-in scenarios (each must exist and parse) and the labels of the app's controls.
 */
/* eslint-disable no-restricted-imports -- a test of the UI's text against the broker's definitions; nothing here ships in the renderer */
import { describe, expect, it } from 'vitest';
import { BROKER_CONFIG_BY_NAME, TOPIC_CONFIG_BY_NAME } from '../../../broker/cluster/config/definitions';
import { LAB_NUM_PARTITIONS, labDefaultReplicationFactor } from '../../../broker/cluster/config/lab-defaults';
import { builtinScenarioNames, loadBuiltinScenario } from '../../../broker/scenario/builtins';
/* eslint-enable no-restricted-imports */
import { CONCEPT_IDS, CONCEPTS, isConceptId } from './concepts';
import { EXPLAINERS } from './content';
import { CONSUMER_DEFAULTS, PRODUCER_DEFAULTS } from './client-config-defaults';
import { conceptOfConfig } from './config-concepts';
import type { ConfigRef } from './explainer-types';
import { KNOWN_CONTROL_LABELS } from './ui-labels';

const all = CONCEPT_IDS.map((id) => EXPLAINERS[id]);
const configs = all.flatMap((e) => e.configs.map((c) => ({ concept: e.id, ...c })));

/** What the lab starts with where it sets a broker config at start (lab-defaults.ts), as the explainers write it. */
const labStartValues: Record<string, { text: string; holds: () => boolean }> = {
  'num.partitions': { text: String(LAB_NUM_PARTITIONS), holds: () => true },
  'default.replication.factor': { text: 'min(3, brokers)', holds: () => [1, 2, 3, 4, 7, 32].every((n) => labDefaultReplicationFactor(n) === Math.min(3, n)) },
};

function brokerSideDefinition(c: ConfigRef) {
  return c.scope === 'topic' ? TOPIC_CONFIG_BY_NAME.get(c.name) : BROKER_CONFIG_BY_NAME.get(c.name);
}

describe('explainer content', () => {
  it('covers every concept of Kafka\'s introduction, each complete', () => {
    expect(CONCEPT_IDS).toHaveLength(18);
    for (const id of CONCEPT_IDS) {
      const e = EXPLAINERS[id];
      expect(e.id, id).toBe(id);
      expect(e.summary.length, id).toBeGreaterThan(20);
      expect(e.body.length, id).toBeGreaterThanOrEqual(2);
      expect(e.configs.length, id).toBeGreaterThan(0);
      expect(e.tryIt.length, id).toBeGreaterThan(0);
      expect(e.scenarios.length, id).toBeGreaterThan(0);
      expect(e.sources.length, id).toBeGreaterThan(0);
      expect(CONCEPTS[id].question, id).toMatch(/^What (is|are) .+\?$/);
    }
  });

  it('states broker and topic config defaults as the broker reports them, or says why the lab starts elsewhere', () => {
    const brokerSide = configs.filter((c) => c.scope === 'broker' || c.scope === 'topic');
    expect(brokerSide.length).toBeGreaterThan(20);
    for (const c of brokerSide) {
      const where = `${c.concept}: ${c.scope} config ${c.name}`;
      const def = brokerSideDefinition(c);
      expect(def, `${where} is not in the broker's config definitions`).toBeDefined();
      if (!c.lab) {
        expect(c.kafkaDefault, where).toBe(def!.defaultValue);
        continue;
      }
      expect(c.lab.why.length, where).toBeGreaterThan(10);
      const start = labStartValues[c.name];
      if (start) {
        // The broker's definitions carry Kafka's default; the lab sets its own at start.
        expect(c.kafkaDefault, where).toBe(def!.defaultValue);
        expect(c.lab.value, where).toBe(start.text);
        expect(start.holds(), where).toBe(true);
      } else {
        // The broker's definitions carry the lab's value where Kafka has none.
        expect(c.lab.value, where).toBe(def!.defaultValue);
        expect(c.kafkaDefault, where).not.toBe(def!.defaultValue);
      }
    }
  });

  it('states client config defaults as Kafka\'s ProducerConfig and ConsumerConfig define them', () => {
    const clientSide = configs.filter((c) => c.scope === 'producer' || c.scope === 'consumer');
    expect(clientSide.length).toBeGreaterThan(10);
    for (const c of clientSide) {
      const table = c.scope === 'producer' ? PRODUCER_DEFAULTS : CONSUMER_DEFAULTS;
      expect(Object.prototype.hasOwnProperty.call(table, c.name), `${c.concept}: ${c.scope} config ${c.name} is not in the cited table`).toBe(true);
      expect(c.kafkaDefault, `${c.concept}: ${c.name}`).toBe(table[c.name]);
      expect(c.lab, `${c.concept}: ${c.name}`).toBeUndefined();
    }
  });

  it('names built-in scenarios that exist and parse', () => {
    const names = new Set(builtinScenarioNames());
    for (const e of all) {
      for (const name of e.scenarios) {
        expect(names.has(name), `${e.id}: no scenario ${name}`).toBe(true);
        const parsed = loadBuiltinScenario(name);
        expect(parsed.ok ? [] : parsed.errors, `${e.id}: ${name}`).toEqual([]);
      }
    }
  });

  it('links only to other concepts, and cites its sources by https URL', () => {
    for (const e of all) {
      expect(e.related.length, e.id).toBeGreaterThan(0);
      for (const id of e.related) {
        expect(isConceptId(id), `${e.id} → ${id}`).toBe(true);
        expect(id, e.id).not.toBe(e.id);
      }
      for (const s of e.sources) expect(s.url, `${e.id}: ${s.label}`).toMatch(/^https:\/\/(kafka\.apache\.org\/documentation\/#|cwiki\.apache\.org\/confluence\/display\/KAFKA\/KIP-|github\.com\/apache\/kafka\/blob\/[0-9a-f]{40}\/)/);
      expect(e.sources.some((s) => s.url.startsWith('https://kafka.apache.org/documentation/')), `${e.id} cites Kafka's documentation`).toBe(true);
    }
  });

  it('maps config rows only to configs the broker defines', () => {
    for (const name of [...TOPIC_CONFIG_BY_NAME.keys(), ...BROKER_CONFIG_BY_NAME.keys()]) {
      const concept = conceptOfConfig(name);
      if (concept) expect(isConceptId(concept), name).toBe(true);
    }
    for (const c of configs.filter((x) => x.scope === 'broker' || x.scope === 'topic')) {
      expect(conceptOfConfig(c.name), `${c.name} (explained under ${c.concept}) has no "?" in the config tables`).toBeDefined();
    }
  });
});

describe('"what to try" steps', () => {
  // The renderer's own component sources, as text: every label a step names must still be on a control.
  // The explainers' own content and label list are left out: they name the labels without being the controls.
  const files = { ...import.meta.glob('../../**/*.tsx', { query: '?raw', import: 'default', eager: true }), ...import.meta.glob('../../**/*.ts', { query: '?raw', import: 'default', eager: true }) } as Record<string, string>;
  const sources = Object.entries(files)
    // (Vite names this folder's files ./…, the others ../../features/….)
    .filter(([path]) => !/(^\.\/|\/explainers\/)(content\/|ui-labels\.ts$)/.test(path) && !/\.test\.tsx?$/.test(path))
    .map(([, text]) => text);

  it('name only known controls, and say them in their text', () => {
    const known = new Set<string>(KNOWN_CONTROL_LABELS);
    for (const e of all) {
      for (const step of e.tryIt) {
        for (const label of step.controls) {
          expect(known.has(label), `${e.id}: "${label}" is not a known control label`).toBe(true);
          expect(step.text, `${e.id}: the step names ${label} in its controls but not in its text`).toContain(label);
        }
      }
    }
  });

  it('every known control label is still on a control in the UI', () => {
    expect(sources.length).toBeGreaterThan(50);
    for (const label of KNOWN_CONTROL_LABELS) {
      const quoted = [`>${label}<`, `>${label}\n`, `>${label} `, `>${label}{`, `label="${label}"`, `'${label}'`, `"${label}"`, `<span>${label} `];
      expect(sources.some((text) => quoted.some((q) => text.includes(q))), `no control labelled "${label}" in src/renderer`).toBe(true);
    }
  });
});
