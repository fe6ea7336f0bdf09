// A kafkajs consume-transform-produce process for the exactly-once test: reads eos-in in group
// g-eos, writes out-<n> to eos-out and the input offsets in ONE transaction per batch. With
// crashAt = k it SIGKILLs itself inside transaction k, after sending its output and offsets and
// before EndTxn, so a successor must abort and fence it. Prints one JSON line per commit.
// Usage: node transactions-transform.cjs <bootstrap> <crashAt (0 = never)>
/* global require, process */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain CommonJS script run by node, outside the TypeScript build
const { Kafka, logLevel } = require('kafkajs');

const [bootstrap, crashAtArg] = process.argv.slice(2);
const crashAt = Number(crashAtArg);
const kafka = new Kafka({ clientId: 'eos-transform', brokers: bootstrap.split(','), logLevel: logLevel.NOTHING, retry: { retries: 20, initialRetryTime: 50, maxRetryTime: 1000 } });
const producer = kafka.producer({ transactionalId: 'eos-transform', idempotent: true, maxInFlightRequests: 1, transactionTimeout: 60000 });
const consumer = kafka.consumer({ groupId: 'g-eos', sessionTimeout: 3000, rebalanceTimeout: 3000, heartbeatInterval: 300, maxWaitTimeInMs: 200, maxBytesPerPartition: 1024 });
let transactions = 0;

(async () => {
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: 'eos-in', fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset }) => {
      if (batch.messages.length === 0) return;
      const txn = await producer.transaction();
      try {
        await txn.send({ topic: 'eos-out', messages: batch.messages.map((m) => ({ key: m.key, value: `out-${m.value.toString().slice(3)}` })) });
        const next = String(Number(batch.lastOffset()) + 1);
        await txn.sendOffsets({ consumerGroupId: 'g-eos', topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }] });
        transactions++;
        if (transactions === crashAt) {
          process.stdout.write(`${JSON.stringify({ crashing: batch.messages.length })}\n`);
          process.kill(process.pid, 'SIGKILL');
        }
        await txn.commit();
      } catch (err) {
        process.stderr.write(`transaction failed: ${err.type ?? ''} ${err.message}\n`);
        await txn.abort().catch(() => {});
        throw err;
      }
      for (const m of batch.messages) resolveOffset(m.offset);
      process.stdout.write(`${JSON.stringify({ committed: batch.messages.length })}\n`);
    },
  });
})().catch((err) => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
