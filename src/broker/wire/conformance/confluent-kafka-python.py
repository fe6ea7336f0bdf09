"""confluent-kafka-python (librdkafka) conformance client: run by confluent-kafka-python.test.ts.

Prints one JSON object with what it observed; the test asserts on it. argv: bootstrap.
"""
import json
import sys

from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, ConfigResource, NewPartitions, NewTopic

bootstrap = sys.argv[1]
out = {}
admin = AdminClient({"bootstrap.servers": bootstrap})


def wait_all(futures, timeout=30):
    return {k: f.result(timeout=timeout) for k, f in futures.items()}


wait_all(admin.create_topics([NewTopic("py-ck", num_partitions=2, replication_factor=3, config={"min.insync.replicas": "2"})]))
try:
    wait_all(admin.create_topics([NewTopic("py-ck", num_partitions=2, replication_factor=3)]))
    out["duplicateCreate"] = "NONE"
except Exception as e:  # KafkaException carrying TOPIC_ALREADY_EXISTS
    out["duplicateCreate"] = e.args[0].name()
wait_all(admin.create_partitions([NewPartitions("py-ck", 4)]))

metadata = admin.list_topics(timeout=10)
topic = metadata.topics["py-ck"]
out["brokers"] = sorted(metadata.brokers.keys())
out["partitions"] = sorted(topic.partitions.keys())
out["replicas"] = {str(p.id): p.replicas for p in topic.partitions.values()}

resource = ConfigResource(ConfigResource.Type.TOPIC, "py-ck")
described = wait_all(admin.describe_configs([resource]))[resource]
out["minIsr"] = described["min.insync.replicas"].value
out["minIsrSource"] = described["min.insync.replicas"].source
out["cleanupIsDefault"] = described["cleanup.policy"].is_default
out["configCount"] = len(described)

alter = ConfigResource(ConfigResource.Type.TOPIC, "py-ck", set_config={"retention.ms": "86400000", "min.insync.replicas": "2"})
wait_all(admin.alter_configs([alter]))
out["retentionAfterAlter"] = wait_all(admin.describe_configs([resource]))[resource]["retention.ms"].value

errors = []
delivered = []


def on_delivery(err, msg):
    if err is not None:
        errors.append(str(err))
    else:
        delivered.append((msg.partition(), msg.offset()))


producer = Producer({"bootstrap.servers": bootstrap, "enable.idempotence": True, "acks": "all", "linger.ms": 5, "compression.type": "lz4"})
for i in range(2000):
    producer.produce("py-ck", key=f"key-{i}", value=f"value-{i}", on_delivery=on_delivery)
    if i % 500 == 0:
        producer.poll(0)
remaining = producer.flush(30)
out["unflushed"] = remaining
out["deliveryErrors"] = errors[:5]
out["delivered"] = len(delivered)

consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "unused-assign-only", "enable.auto.commit": False, "enable.partition.eof": True})
consumer.assign([TopicPartition("py-ck", p, 0) for p in out["partitions"]])
seen = set()
eof = set()
while len(eof) < len(out["partitions"]):
    msg = consumer.poll(10)
    if msg is None:
        break
    if msg.error():
        if msg.error().code() == -191:  # _PARTITION_EOF
            eof.add(msg.partition())
            continue
        out.setdefault("consumeErrors", []).append(str(msg.error()))
        continue
    seen.add(msg.value().decode())
consumer.close()
out["consumed"] = len(seen)
out["consumedAll"] = seen == {f"value-{i}" for i in range(2000)}

wait_all(admin.delete_topics(["py-ck"]))
out["topicsAfterDelete"] = sorted(t for t in admin.list_topics(timeout=10).topics if t.startswith("py-"))
print(json.dumps(out))
