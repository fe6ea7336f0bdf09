/**
 * npm run check:specs -- <dir>
 *
 * Compares every API schema of the codec (src/broker/protocol/messages) field by field with
 * Apache Kafka's JSON message specs in <dir> (Kafka's clients/src/main/resources/common/message/
 * *Request.json and *Response.json; never committed here: keep them outside the repo, e.g.
 * /work/shared/kafka-message-specs). Prints each finding and the versions each API covers of
 * Kafka's; exits 1 when there is a finding, 2 when <dir> cannot be read.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiSchemas } from '../src/broker/protocol/messages';
import { compareApis } from '../src/broker/protocol/spec-check/compare';
import { parseKafkaSpec, type KafkaMessageSpec } from '../src/broker/protocol/spec-check/kafka-spec';

const dir = process.argv[2];
if (dir === undefined || !existsSync(dir)) {
  console.error('usage: npm run check:specs -- <directory of Kafka message specs (*Request.json, *Response.json)>');
  process.exit(2);
}

function specFor(name: string): KafkaMessageSpec | null {
  const file = join(dir!, `${name}.json`);
  if (!existsSync(file)) return null;
  return parseKafkaSpec(readFileSync(file, 'utf8'), file);
}

const { findings, coverage } = compareApis(apiSchemas.values(), specFor);
console.log('API (key)                          ours      Kafka     ours below Kafka\'s lowest (not compared)');
for (const c of coverage.sort((a, b) => a.apiKey - b.apiKey)) {
  console.log(`${`${c.name} (${c.apiKey})`.padEnd(35)}${c.ours.padEnd(10)}${c.kafka.padEnd(10)}${c.belowKafka ?? ''}`);
}
for (const f of findings) console.log(`${f.message}${f.path ? `.${f.path}` : ''}: ${f.what}: ${f.detail}`);
console.log(`${findings.length} finding(s) in ${coverage.length} APIs`);
process.exit(findings.length > 0 ? 1 : 0);
