"""confluent-kafka-python static membership (KIP-345): run by groups-librdkafka.test.ts.

Two static members (group.instance.id) share a topic; one is closed (a static member leaves no
LeaveGroup) and restarted with the same instance id within session.timeout.ms: it gets its old
partitions back without a rebalance. Prints JSON lines: {"phase", "assignment"}. argv: bootstrap, topic.
"""
import json
import sys
import time

from confluent_kafka import Consumer

bootstrap, topic = sys.argv[1], sys.argv[2]


def member(instance_id):
    c = Consumer({
        "bootstrap.servers": bootstrap, "group.id": "g-static", "group.instance.id": instance_id,
        "session.timeout.ms": 6000, "heartbeat.interval.ms": 300, "auto.offset.reset": "earliest",
    })
    c.subscribe([topic])
    return c


def poll_until_assigned(consumers, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline and not all(c.assignment() for c in consumers):
        for c in consumers:
            c.poll(0.05)


def report(phase, c):
    print(json.dumps({"phase": phase, "assignment": sorted(p.partition for p in c.assignment())}), flush=True)


a, b = member("static-a"), member("static-b")
poll_until_assigned([a, b])
report("a-before", a)
report("b-before", b)
a.close()
print(json.dumps({"phase": "a-closed"}), flush=True)
sys.stdin.readline()  # the test reads the group state, then lets the member come back
a = member("static-a")
poll_until_assigned([a, b])
report("a-after", a)
report("b-after", b)
a.close()
b.close()
