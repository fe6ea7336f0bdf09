"""librdkafka (confluent-kafka-python) read_committed consumer for transactions-read-committed.test.ts.

argv: bootstrap topic partitions end-value. Assigns every partition from offset 0 with
isolation.level=read_committed and prints one JSON line per record ({partition, offset, value})
until it has read `end-value` on every partition (the last committed transaction of the run),
or 120 s pass.
"""
import json
import sys
import time

from confluent_kafka import Consumer, KafkaException, TopicPartition

bootstrap, topic, partitions, end_value = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
c = Consumer({
    "bootstrap.servers": bootstrap,
    "group.id": "rc-py-unused",
    "isolation.level": "read_committed",
    "enable.auto.commit": False,
    "topic.metadata.refresh.interval.ms": 1000,
    "fetch.wait.max.ms": 100,
})
c.assign([TopicPartition(topic, p, 0) for p in range(partitions)])
ended = set()
deadline = time.time() + 120
while len(ended) < partitions and time.time() < deadline:
    msg = c.poll(0.5)
    if msg is None:
        continue
    if msg.error():
        if msg.error().fatal():
            raise KafkaException(msg.error())
        continue
    value = msg.value().decode()
    if value == end_value:
        ended.add(msg.partition())
    print(json.dumps({"partition": msg.partition(), "offset": msg.offset(), "value": value}), flush=True)
c.close()
print(json.dumps({"ended": sorted(ended)}), flush=True)
