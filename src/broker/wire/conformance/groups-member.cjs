// A kafkajs group member in its own process, so a test can crash it (SIGKILL: no LeaveGroup) and
// watch the coordinator evict it after session.timeout.ms. Prints one JSON line per assignment.
// Usage: node groups-member.cjs <bootstrap> <groupId> <topic> <sessionTimeoutMs>
/* global require, process */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain CommonJS script run by node, outside the TypeScript build
const { Kafka, logLevel } = require('kafkajs');

const [bootstrap, groupId, topic, sessionTimeout] = process.argv.slice(2);
const kafka = new Kafka({ clientId: 'groups-member', brokers: bootstrap.split(','), logLevel: logLevel.NOTHING, retry: { retries: 10, initialRetryTime: 50 } });
const consumer = kafka.consumer({ groupId, sessionTimeout: Number(sessionTimeout), heartbeatInterval: 300, maxWaitTimeInMs: 200 });
consumer.on(consumer.events.GROUP_JOIN, (e) => {
  process.stdout.write(`${JSON.stringify({ memberId: e.payload.memberId, partitions: e.payload.memberAssignment[topic] ?? [] })}\n`);
});
(async () => {
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async () => {} });
})().catch((err) => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
