/** A lab's metadata with every kind of fact the KRaft snapshot holds, for the tests of this folder. */
import type { LabMetadata } from '../lab-metadata';

const TOPIC_ID = 'Zm9vYmFyYmF6cXV1eGFiYw';

export const SAMPLE_METADATA: LabMetadata = {
  version: 1, clusterId: 'lab-cluster-id-AAAAAAA', brokerIds: [1, 2, 3],
  brokers: [{ brokerId: 1, rack: 'a', fenced: false }, { brokerId: 2, rack: 'b', fenced: true }, { brokerId: 3, rack: null, fenced: false }],
  topics: [
    { name: '__consumer_offsets', topicId: 'AQIDBAUGBwgJCgsMDQ4PEA', internal: true, configs: { 'cleanup.policy': 'compact' }, partitions: [{ partition: 0, replicas: [1, 2, 3], isr: [1, 2, 3], leader: 1, leaderEpoch: 0, partitionEpoch: 0 }] },
    {
      name: 'orders', topicId: TOPIC_ID, internal: false, configs: { 'retention.ms': '60000', 'cleanup.policy': 'delete' }, partitions: [
        { partition: 0, replicas: [1, 2], isr: [1], leader: 1, leaderEpoch: 3, partitionEpoch: 5 },
        { partition: 1, replicas: [2, 3, 1], isr: [2, 3], leader: -1, leaderEpoch: 2, partitionEpoch: 7, addingReplicas: [1] },
      ],
    },
  ],
  dynamicBrokerConfigs: { clusterDefault: { 'log.retention.ms': '1000' }, perBroker: { '2': { 'log.cleaner.threads': '2' } } },
  nextProducerId: 4000,
  scramCredentials: [{ user: 'alice', mechanism: 'SCRAM-SHA-512', credential: { salt: Buffer.from('salt').toString('base64'), iterations: 4096, storedKey: Buffer.from('stored').toString('base64'), serverKey: Buffer.from('server').toString('base64') } }],
  acls: [{ resourceType: 'TOPIC', resourceName: 'orders', patternType: 'PREFIXED', principal: 'User:bob', host: '*', operation: 'READ', permissionType: 'ALLOW' }],
  clientQuotas: [{ entity: { user: null, 'client-id': 'slow' }, values: { producer_byte_rate: 102400, consumer_byte_rate: 2048 } }],
};
