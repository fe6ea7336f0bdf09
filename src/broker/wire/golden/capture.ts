/**
 * Captures golden request fixtures from real clients: `npx tsx src/broker/wire/golden/capture.ts`.
 * Starts a one-broker ClusterHost whose advertised endpoint is the recording proxy (so every
 * connection, not only bootstrap, goes through it), then drives kcat, kafkajs, confluent-kafka-python
 * and kafka-python through a few calls each. Fixtures land in ./fixtures; review, then run
 * golden.test.ts with UPDATE_GOLDEN=1 once to write the expected objects, check them by hand, commit.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { ClusterHost } from '../../host/cluster-host';
import { run, PYTHON, KCAT } from '../conformance/tools';
import { RecordingProxy } from './record-proxy';

async function main(): Promise<void> {
  const host = await ClusterHost.start({ brokers: 1, basePort: 0, seed: 99, defaultReplicationFactor: 1 });
  const brokerPort = Number(host.bootstrap.split(':')[1]);
  const proxy = new RecordingProxy({ host: '127.0.0.1', port: brokerPort }, join(dirname(fileURLToPath(import.meta.url)), 'fixtures'));
  const proxyPort = await proxy.listen();
  host.cluster.setBrokerEndpoint(1, '127.0.0.1', proxyPort);
  const bootstrap = `127.0.0.1:${proxyPort}`;
  await host.execute({ type: 'create-topic', topic: 'golden', partitions: 1, replicationFactor: 1 });
  await new Promise((r) => setTimeout(r, 500));

  const kcatVersion = /librdkafka (\S+)/.exec((await run(KCAT, ['-V'])).stdout)?.[1] ?? '?';
  proxy.current = { client: 'kcat', clientVersion: `kcat 1.7.1, librdkafka ${kcatVersion}`, source: `kcat -L; echo golden-key:golden-value | kcat -P -K: -t golden -p 0 -X enable.idempotence=true; kcat -C -t golden -o beginning -c 1; kcat -Q -t golden:0:1700000000000` };
  await run(KCAT, ['-b', bootstrap, '-L']);
  await run(KCAT, ['-b', bootstrap, '-P', '-K:', '-t', 'golden', '-p', '0', '-X', 'enable.idempotence=true'], { input: 'golden-key:golden-value\n' });
  await run(KCAT, ['-b', bootstrap, '-C', '-t', 'golden', '-o', 'beginning', '-c', '1']);
  await run(KCAT, ['-b', bootstrap, '-Q', '-t', 'golden:0:1700000000000']);

  proxy.current = {
    client: 'kafkajs',
    clientVersion: 'kafkajs 2.2.4',
    source: 'admin.createTopics/fetchTopicOffsets/describeConfigs/alterConfigs/createPartitions/deleteTopicRecords/describeCluster/deleteTopics; producer.send (idempotent)',
  };
  const kafka = new Kafka({ clientId: 'golden-kafkajs', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'golden-js', numPartitions: 1, replicationFactor: 1 }] });
  await admin.fetchTopicOffsets('golden');
  await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: 'golden', configNames: ['retention.ms'] }] });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  await producer.send({ topic: 'golden', acks: -1, messages: [{ key: 'golden-key', value: 'golden-value', timestamp: '1700000000000' }] });
  await producer.disconnect();
  await admin.alterConfigs({ validateOnly: false, resources: [{ type: 2, name: 'golden-js', configEntries: [{ name: 'retention.ms', value: '86400000' }] }] });
  await admin.createPartitions({ topicPartitions: [{ topic: 'golden-js', count: 2 }] });
  await admin.deleteTopicRecords({ topic: 'golden', partitions: [{ partition: 0, offset: '1' }] });
  await admin.describeCluster();
  await admin.deleteTopics({ topics: ['golden-js'] });
  await admin.disconnect();

  const python = async (client: string, clientVersion: string, source: string, script: string): Promise<void> => {
    proxy.current = { client, clientVersion, source };
    const result = await run(PYTHON, ['-c', script, bootstrap], { timeoutMs: 60_000 });
    if (result.code !== 0) process.stderr.write(`${client}: ${result.stderr}\n`);
  };
  await python('confluent-kafka-python', 'confluent-kafka-python 2.0.2, librdkafka 2.0.2', 'AdminClient.list_topics, describe_configs, create_topics, create_partitions, alter_configs, delete_topics; Producer(enable.idempotence).produce', `
import sys
from confluent_kafka import Producer
from confluent_kafka.admin import AdminClient, ConfigResource, NewPartitions, NewTopic
a = AdminClient({"bootstrap.servers": sys.argv[1]})
a.list_topics(timeout=10)
r = ConfigResource(ConfigResource.Type.TOPIC, "golden")
a.describe_configs([r])[r].result(10)
a.create_topics([NewTopic("golden-ck", num_partitions=1, replication_factor=1, config={"retention.ms": "60000"})])["golden-ck"].result(10)
a.create_partitions([NewPartitions("golden-ck", 2)])["golden-ck"].result(10)
w = ConfigResource(ConfigResource.Type.TOPIC, "golden-ck", set_config={"retention.ms": "120000"})
a.alter_configs([w])[w].result(10)
a.delete_topics(["golden-ck"])["golden-ck"].result(10)
p = Producer({"bootstrap.servers": sys.argv[1], "enable.idempotence": True})
p.produce("golden", key=b"golden-key", value=b"golden-value", timestamp=1700000000000)
p.flush(10)
`);
  await python('kafka-python', 'kafka-python 2.0.2', 'KafkaProducer.send; KafkaConsumer assign/seek_to_end/poll; KafkaAdminClient create_topics/describe_configs/delete_topics', `
import sys
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import ConfigResource, ConfigResourceType, NewTopic
admin = KafkaAdminClient(bootstrap_servers=sys.argv[1])
admin.create_topics([NewTopic("golden-kp", num_partitions=1, replication_factor=1)])
admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, "golden-kp")])
admin.delete_topics(["golden-kp"])
admin.close()
p = KafkaProducer(bootstrap_servers=sys.argv[1])
p.send("golden", key=b"golden-key", value=b"golden-value", timestamp_ms=1700000000000).get(10)
p.close()
c = KafkaConsumer(bootstrap_servers=sys.argv[1], enable_auto_commit=False, consumer_timeout_ms=1000)
tp = TopicPartition("golden", 0)
c.assign([tp])
c.seek_to_end(tp)
c.position(tp)
c.seek(tp, 0)
c.poll(1000)
c.close()
`);
  await proxy.close();
  await host.close();
  process.stdout.write(`${proxy.written.length} fixtures:\n${proxy.written.join('\n')}\n`);
}

void main();
