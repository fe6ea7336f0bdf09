"""librdkafka (confluent-kafka-python) assigned consumer for failover.test.ts.

argv: bootstrap topic expected. Reads partition 0 from the beginning until it has seen `expected`
distinct values or 60 s pass, printing "consumed N" every 100 so the test can stop the leader
mid-stream; ends with one JSON line. After the leader change librdkafka refreshes metadata and
fetches from the new leader at its position (librdkafka 2.0 uses Metadata v4, without leader
epochs, so it does not validate with OffsetForLeaderEpoch; newer versions do, KIP-320).
"""
import json
import sys
import time

from confluent_kafka import Consumer, TopicPartition

bootstrap, topic, expected = sys.argv[1], sys.argv[2], int(sys.argv[3])
consumer = Consumer({
    "bootstrap.servers": bootstrap,
    "group.id": "failover-assign-only",
    "enable.auto.commit": False,
    "topic.metadata.refresh.interval.ms": 1000,
    "fetch.wait.max.ms": 100,
})
consumer.assign([TopicPartition(topic, 0, 0)])
seen = set()
errors = []
reported = 0
deadline = time.time() + 60
while len(seen) < expected and time.time() < deadline:
    msg = consumer.poll(0.2)
    if msg is None:
        continue
    if msg.error():
        errors.append(str(msg.error()))
        continue
    seen.add(msg.value().decode())
    if len(seen) // 100 > reported:
        reported = len(seen) // 100
        print(f"consumed {len(seen)}", flush=True)
consumer.close()
print(json.dumps({"consumed": len(seen), "errors": errors[:10]}), flush=True)
