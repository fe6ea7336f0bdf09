"""librdkafka (confluent-kafka-python) read_committed consumer for transactions-read-committed.test.ts.

argv: bootstrap topics end-value, topics as "name:partitions,name:partitions". Assigns every
partition from offset 0 with isolation.level=read_committed and prints one JSON line per record
({topic, partition, offset, value}) until it has read `end-value` on every partition (the last
committed transaction of the run), or 120 s pass.
"""
import json
import sys
import time

from confluent_kafka import Consumer, KafkaException, TopicPartition

bootstrap, topics_arg, end_value = sys.argv[1], sys.argv[2], sys.argv[3]
assignment = [TopicPartition(name, p, 0) for name, count in (t.split(":") for t in topics_arg.split(",")) for p in range(int(count))]
c = Consumer({
    "bootstrap.servers": bootstrap,
    "group.id": "rc-py-unused",
    "isolation.level": "read_committed",
    "enable.auto.commit": False,
    "topic.metadata.refresh.interval.ms": 1000,
    "fetch.wait.max.ms": 100,
})
c.assign(assignment)
ended = set()
deadline = time.time() + 120
while len(ended) < len(assignment) and time.time() < deadline:
    msg = c.poll(0.5)
    if msg is None:
        continue
    if msg.error():
        if msg.error().fatal():
            raise KafkaException(msg.error())
        continue
    value = msg.value().decode()
    if value == end_value:
        ended.add(f"{msg.topic()}-{msg.partition()}")
    print(json.dumps({"topic": msg.topic(), "partition": msg.partition(), "offset": msg.offset(), "value": value}), flush=True)
c.close()
print(json.dumps({"ended": sorted(ended), "assigned": len(assignment)}), flush=True)
