"""confluent-kafka-python (librdkafka) transactional producer: run by transactions-librdkafka.test.ts.

Commits one transaction, aborts one, commits another, and sends consumer offsets in a
transaction; then reads the topic with isolation.level read_committed and read_uncommitted, and
a second producer with the same transactional.id fences the first.
Prints one JSON object. argv: bootstrap, topic.
"""
import json
import sys

from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition

bootstrap, topic = sys.argv[1], sys.argv[2]
out = {}


def producer():
    return Producer({"bootstrap.servers": bootstrap, "transactional.id": "py-txn", "transaction.timeout.ms": 30000, "linger.ms": 5})


p = producer()
p.init_transactions(30)
p.begin_transaction()
for i in range(10):
    p.produce(topic, value=f"committed-{i}")
p.commit_transaction(30)
p.begin_transaction()
for i in range(10):
    p.produce(topic, value=f"aborted-{i}")
p.flush(30)
p.abort_transaction(30)
p.begin_transaction()
for i in range(5):
    p.produce(topic, value=f"second-{i}")
group = Consumer({"bootstrap.servers": bootstrap, "group.id": "g-py-txn", "enable.auto.commit": False})
p.send_offsets_to_transaction([TopicPartition(topic, 0, 7)], group.consumer_group_metadata(), 30)
p.commit_transaction(30)
out["committedInTxn"] = group.committed([TopicPartition(topic, 0)], timeout=10)[0].offset
group.close()


def read(isolation):
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": f"g-py-{isolation}", "isolation.level": isolation,
                  "auto.offset.reset": "earliest", "enable.partition.eof": True, "enable.auto.commit": False})
    c.assign([TopicPartition(topic, 0, 0)])
    values = []
    while True:
        msg = c.poll(10)
        if msg is None:
            break
        if msg.error():
            if msg.error().code() == -191:  # _PARTITION_EOF
                break
            raise KafkaException(msg.error())
        values.append(msg.value().decode())
    c.close()
    return values


out["readCommitted"] = read("read_committed")
out["readUncommitted"] = read("read_uncommitted")

# A second producer with the same transactional.id fences the first.
p.begin_transaction()
p.produce(topic, value="zombie")
p.flush(30)
successor = producer()
successor.init_transactions(30)
try:
    p.commit_transaction(30)
    out["zombieCommit"] = "NONE"
except KafkaException as e:
    out["zombieCommit"] = e.args[0].name()
    out["zombieFatal"] = e.args[0].fatal()
successor.begin_transaction()
successor.produce(topic, value="successor")
successor.commit_transaction(30)
out["afterFencing"] = read("read_committed")[-1:]
print(json.dumps(out))
