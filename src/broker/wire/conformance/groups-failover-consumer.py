"""confluent-kafka-python group member for the coordinator failover test (groups-failover.test.ts).

Consumes until `first` records, committing synchronously every COMMIT_EVERY records and at
`first`, prints {"phase": "committed"}, waits for a line on stdin (the test stops the coordinator
meanwhile), then consumes until `total` distinct records, committing the same way across the move,
and prints what it saw. argv: bootstrap, topic, first, total, phase deadline in seconds.

Each phase line carries its seconds and, when a phase ran out of time, what it had reached, so a
slow run says where it was. A synchronous commit per record (200 round trips, each waiting for the
__consumer_offsets append to replicate in simulated time) made phase 1 as slow as the machine;
the test asserts the committed totals, which a commit of all positions every 20 records reaches
with a tenth of the round trips.
"""
import json
import logging
import os
import sys
import time

from confluent_kafka import Consumer, KafkaError, KafkaException

bootstrap, topic, first, total = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
phase_seconds = float(sys.argv[5]) if len(sys.argv) > 5 else 60
COMMIT_EVERY = 20
config = {
    "bootstrap.servers": bootstrap, "group.id": "g-failover-librdkafka", "auto.offset.reset": "earliest",
    "enable.auto.commit": False, "session.timeout.ms": 6000, "heartbeat.interval.ms": 300, "fetch.wait.max.ms": 100,
    "topic.metadata.refresh.interval.ms": 500,
}
# For diagnosing a stall: RDKAFKA_DEBUG=fetch,cgrp,topic RDKAFKA_LOG=/tmp/file writes librdkafka's debug log there.
extra = {}
if os.environ.get("RDKAFKA_DEBUG") and os.environ.get("RDKAFKA_LOG"):
    config["debug"] = os.environ["RDKAFKA_DEBUG"]
    log = logging.getLogger("rdkafka")
    log.addHandler(logging.FileHandler(os.environ["RDKAFKA_LOG"]))
    log.setLevel(logging.DEBUG)
    extra["logger"] = log
c = Consumer(config, **extra)
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
        distinct = len(set(seen))
        if distinct % COMMIT_EVERY != 0 and distinct < n:
            continue
        while time.time() < deadline:
            try:
                c.commit(asynchronous=False)  # every assigned partition's position
                break
            except KafkaException as e:
                if e.args[0].code() == KafkaError._NO_OFFSET:
                    break  # nothing new to commit
                errors.append(f"commit: {e}")  # NOT_COORDINATOR / COORDINATOR_NOT_AVAILABLE while the group moves
                time.sleep(0.1)


started = time.time()
consume_until(first, started + phase_seconds)
print(json.dumps({"phase": "committed", "seen": len(set(seen)), "seconds": round(time.time() - started, 1), "errors": errors[-5:]}), flush=True)
sys.stdin.readline()
started = time.time()
consume_until(total, started + phase_seconds)
c.close()
print(json.dumps({"phase": "done", "seen": seen, "errors": errors, "seconds": round(time.time() - started, 1)}), flush=True)
