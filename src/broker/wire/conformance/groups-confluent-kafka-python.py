"""confluent-kafka-python (librdkafka) consumer group: run by groups-librdkafka.test.ts.

Two consumers of one group share a 4-partition topic (each gets 2), consume and commit
synchronously, close; a third consumer of the same group then continues from the committed
offsets. Also AdminClient.list_groups. Prints one JSON object. argv: bootstrap, topic, count.
"""
import json
import sys
import time

from confluent_kafka import Consumer, Producer
from confluent_kafka.admin import AdminClient

bootstrap, topic, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
out = {"errors": []}

producer = Producer({"bootstrap.servers": bootstrap, "enable.idempotence": True, "linger.ms": 5})
for i in range(count):
    producer.produce(topic, key=f"k{i}", value=f"c-{i}")
out["unflushed"] = producer.flush(30)


def consumer():
    return Consumer({
        "bootstrap.servers": bootstrap, "group.id": "g-confluent", "auto.offset.reset": "earliest",
        "enable.auto.commit": False, "session.timeout.ms": 6000, "heartbeat.interval.ms": 300,
        "fetch.wait.max.ms": 100, "topic.metadata.refresh.interval.ms": 1000,
    })


first = [consumer(), consumer()]
assignments = {}
for i, c in enumerate(first):
    c.subscribe([topic], on_assign=lambda _c, parts, i=i: assignments.__setitem__(i, sorted(p.partition for p in parts)))
seen = []
deadline = time.time() + 60
# Consume exactly half of the records with both members, committing each record synchronously.
# The limit is checked before every poll: one pass over both members can deliver two records,
# so a check per pass alone overshoots to count // 2 + 1 whenever the pass starts one short.
while len(seen) < count // 2 and time.time() < deadline:
    for c in first:
        if len(seen) >= count // 2:
            break
        msg = c.poll(0.05)
        if msg is None:
            continue
        if msg.error():
            out["errors"].append(str(msg.error()))
            continue
        seen.append(msg.value().decode())
        c.commit(message=msg, asynchronous=False)
out["assignments"] = [assignments.get(0), assignments.get(1)]
out["groups"] = [g.id for g in AdminClient({"bootstrap.servers": bootstrap}).list_groups(timeout=10)]
for c in first:
    c.close()
out["firstRun"] = len(seen)
out["firstRunDistinct"] = len(set(seen))

second = consumer()
second.subscribe([topic])
again = []
deadline = time.time() + 60
while len(set(seen) | set(again)) < count and time.time() < deadline:
    msg = second.poll(0.1)
    if msg is None or msg.error():
        continue
    again.append(msg.value().decode())
second.commit(asynchronous=False)
committed = second.committed([p for p in second.assignment()], timeout=10)
second.close()
out["secondRun"] = len(again)
out["rereadFromFirstRun"] = len(set(again) & set(seen))
out["all"] = len(set(seen) | set(again))
out["committedTotal"] = sum(tp.offset for tp in committed)
print(json.dumps(out))
