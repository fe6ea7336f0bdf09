/** Explainers of delivery: delivery semantics, idempotence, transactions. */
import type { Explainer } from '../explainer-types';
import { CODE, DOCS, KIPS } from './sources';

export const deliverySemantics: Explainer = {
  id: 'delivery-semantics',
  summary: 'At-most-once, at-least-once or exactly-once: what a failure can do to a record, decided by the producer\'s acks and retries and by when the consumer commits.',
  body: [
    'Producer side: acks=0 is at most once (nobody says whether the record arrived). acks=1 can lose a record the leader acknowledged but had not copied before it failed. acks=all with retries is at least once: nothing acknowledged is lost, but a retry after a lost answer can write a duplicate, unless the producer is idempotent.',
    'Consumer side: committing before processing is at most once (a crash skips records); processing before committing is at least once (a crash repeats them).',
    'Exactly once within Kafka combines the idempotent producer with transactions: the output records and the consumer\'s offsets are committed together, and read_committed consumers see only committed transactions.',
  ],
  configs: [
    { name: 'acks', scope: 'producer', kafkaDefault: 'all', meaning: '0, 1 or all.' },
    { name: 'enable.idempotence', scope: 'producer', kafkaDefault: 'true', meaning: 'Retries do not duplicate.' },
    { name: 'min.insync.replicas', scope: 'topic', kafkaDefault: '1', meaning: 'How many copies acks=all insists on.' },
    { name: 'enable.auto.commit', scope: 'consumer', kafkaDefault: 'true', meaning: 'Background commits: a crash can repeat or skip what happened since the last one.' },
    { name: 'isolation.level', scope: 'consumer', kafkaDefault: 'read_uncommitted', meaning: 'read_committed for exactly-once pipelines.' },
  ],
  tryIt: [
    { text: 'On Produce try acks 0, 1 and all in turn and read the answer of each.', controls: ['Produce', 'acks'] },
    { text: 'On a topic with replication factor 3, set min.insync.replicas to 3 in its configs and Save; Kill one broker on Cluster, wait until the ISR column shows two replicas (about 9 s), then produce with acks all: NOT_ENOUGH_REPLICAS.', controls: ['min.insync.replicas', 'Save', 'Cluster', 'Kill', 'acks'] },
  ],
  scenarios: ['delivery-semantics-producers', 'delivery-semantics-consumers', 'acks1-loses-acknowledged'],
  related: ['idempotence', 'transactions', 'isr', 'high-watermark'],
  sources: [DOCS.semantics, DOCS.producerConfigs, KIPS.kip98, KIPS.kip679],
};

export const idempotence: Explainer = {
  id: 'idempotence',
  summary: 'The broker drops a producer\'s retried duplicates, using a producerId and a sequence number per partition.',
  body: [
    'An idempotent producer gets a producerId (and producerEpoch) from the broker and numbers its batches per partition. The leader remembers the last sequences of each producerId; a batch it has already appended is answered as a success without being written again, and a gap is refused (OUT_OF_ORDER_SEQUENCE_NUMBER).',
    'So a retry after a lost answer no longer writes the record twice, and ordering holds with up to 5 requests in flight. It protects one producer session against its own retries, not against your application sending the same thing twice.',
    'It needs acks=all, and has been the Java producer\'s default since Kafka 3.0 (KIP-679).',
  ],
  configs: [
    { name: 'enable.idempotence', scope: 'producer', kafkaDefault: 'true', meaning: 'Turn on producerId and sequence numbers.' },
    { name: 'acks', scope: 'producer', kafkaDefault: 'all', meaning: 'Idempotence requires all.' },
    { name: 'max.in.flight.requests.per.connection', scope: 'producer', kafkaDefault: '5', meaning: 'At most 5 with idempotence, and order still holds.' },
    { name: 'retries', scope: 'producer', kafkaDefault: '2147483647', meaning: 'Retries are what idempotence makes safe.' },
    { name: 'producer.id.expiration.ms', scope: 'broker', kafkaDefault: '86400000', readable: '1 day', meaning: 'A producerId idle this long is forgotten by the broker.' },
  ],
  tryIt: [
    { text: 'On Produce set Delivery to idempotent and produce: acks is fixed to all, as idempotence requires.', controls: ['Produce', 'Delivery'] },
    { text: 'Load the scenario below: a lost answer makes a plain producer write twice, an idempotent one once.', controls: [] },
  ],
  scenarios: ['idempotent-producer'],
  related: ['delivery-semantics', 'transactions', 'producer'],
  sources: [DOCS.semantics, KIPS.kip98, KIPS.kip679, CODE.producerConfig],
};

export const transactions: Explainer = {
  id: 'transactions',
  summary: 'A producer writes to several partitions (and commits consumer offsets) atomically: all of it becomes visible, or none.',
  body: [
    'A transactional producer has a transactional.id. The transaction coordinator (a broker) records the transaction\'s state in __transaction_state; at the end it writes a COMMIT or ABORT marker into every partition the transaction touched.',
    'Consumers with isolation.level=read_committed read only up to the last stable offset (below the first still-open transaction) and skip aborted records; read_uncommitted consumers see everything.',
    'Starting a producer with the same transactional.id raises the producerEpoch and fences the old one: a zombie instance gets PRODUCER_FENCED. This, with sending offsets in the transaction, is how read-process-write gets exactly once (KIP-98, KIP-447).',
  ],
  configs: [
    { name: 'transactional.id', scope: 'producer', kafkaDefault: null, meaning: 'Turns on transactions; stable across restarts of one logical producer.' },
    { name: 'transaction.timeout.ms', scope: 'producer', kafkaDefault: '60000', readable: '1 minute', meaning: 'The coordinator aborts a transaction open longer than this.' },
    { name: 'isolation.level', scope: 'consumer', kafkaDefault: 'read_uncommitted', meaning: 'read_committed hides aborted and open transactions.' },
    { name: 'transaction.max.timeout.ms', scope: 'broker', kafkaDefault: '900000', readable: '15 minutes', meaning: 'Largest transaction.timeout.ms a producer may ask for.' },
    { name: 'transaction.state.log.min.isr', scope: 'broker', kafkaDefault: '2', meaning: 'min.insync.replicas of __transaction_state.' },
  ],
  tryIt: [
    { text: 'On Produce set Delivery to transactional and produce: the record is followed by a COMMIT marker (its offset plus one is taken).', controls: ['Produce', 'Delivery'] },
    { text: 'On Consume set Isolation to read_committed and Start consumer: it reads only committed records.', controls: ['Consume', 'Isolation', 'Start consumer'] },
  ],
  scenarios: ['transaction-aborted-read-committed', 'zombie-producer-fenced'],
  related: ['idempotence', 'delivery-semantics', 'high-watermark'],
  sources: [DOCS.semantics, KIPS.kip98, KIPS.kip447, CODE.producerConfig],
};
