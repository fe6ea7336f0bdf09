"""confluent-kafka-python group member for the coordinator failover test (groups-failover.test.ts).

Consumes and commits synchronously until `first` records, prints {"phase": "committed"}, waits
for a line on stdin (the test stops the coordinator meanwhile), then consumes until `total`
distinct records and prints what it saw. argv: bootstrap, topic, first, total.
"""
import json
import sys
import time

from confluent_kafka import Consumer

bootstrap, topic, first, total = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
c = Consumer({
    "bootstrap.servers": bootstrap, "group.id": "g-failover-librdkafka", "auto.offset.reset": "earliest",
    "enable.auto.commit": False, "session.timeout.ms": 6000, "heartbeat.interval.ms": 300, "fetch.wait.max.ms": 100,
    "topic.metadata.refresh.interval.ms": 500,
})
c.subscribe([topic])
seen = []
errors = []


def consume_until(n, deadline):
    while len(set(seen)) < n and time.time() < deadline:
        msg = c.poll(0.1)
        if msg is None:
            continue
        if msg.error():
            errors.append(str(msg.error()))
            continue
        seen.append(msg.value().decode())
        while True:
            try:
                c.commit(message=msg, asynchronous=False)
                break
            except Exception as e:  # NOT_COORDINATOR / COORDINATOR_NOT_AVAILABLE while the group moves
                errors.append(f"commit: {e}")
                time.sleep(0.1)
                if time.time() > deadline:
                    break


consume_until(first, time.time() + 60)
print(json.dumps({"phase": "committed", "seen": len(seen)}), flush=True)
sys.stdin.readline()
consume_until(total, time.time() + 60)
c.close()
print(json.dumps({"phase": "done", "seen": seen, "errors": errors}), flush=True)
