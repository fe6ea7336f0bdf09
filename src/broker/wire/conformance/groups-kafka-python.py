"""kafka-python group consumer: run by groups-kafka-python.test.ts.

A group member consumes part of a topic and commits, closes; a second member of the same group
continues from the committed offsets. Prints one JSON object. argv: bootstrap, topic, count.
"""
import json
import sys
import time

from kafka import KafkaConsumer, KafkaProducer, TopicPartition

bootstrap, topic, count = sys.argv[1].split(","), sys.argv[2], int(sys.argv[3])
out = {}
producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all")
for i in range(count):
    producer.send(topic, key=f"k{i}".encode(), value=f"p-{i}".encode())
producer.flush(30)
producer.close()


def consumer():
    return KafkaConsumer(topic, bootstrap_servers=bootstrap, group_id="g-kafka-python", auto_offset_reset="earliest",
                         enable_auto_commit=False, session_timeout_ms=6000, heartbeat_interval_ms=300, fetch_max_wait_ms=100)


first = consumer()
seen = []
deadline = time.time() + 60
while len(seen) < count // 2 and time.time() < deadline:
    for records in first.poll(timeout_ms=200, max_records=count // 2 - len(seen)).values():
        seen.extend(r.value.decode() for r in records)
first.commit()
out["firstAssignment"] = sorted(tp.partition for tp in first.assignment())
first.close()
out["firstRun"] = len(seen)

second = consumer()
again = []
deadline = time.time() + 60
while len(set(seen) | set(again)) < count and time.time() < deadline:
    for records in second.poll(timeout_ms=200).values():
        again.extend(r.value.decode() for r in records)
second.commit()
out["committedTotal"] = sum(second.committed(TopicPartition(topic, p)) or 0 for p in second.partitions_for_topic(topic))
second.close()
out["secondRun"] = len(again)
out["rereadFromFirstRun"] = len(set(again) & set(seen))
out["all"] = len(set(seen) | set(again))
print(json.dumps(out))
