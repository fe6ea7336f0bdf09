"""librdkafka (confluent-kafka-python) transactional producer for transactions-read-committed.test.ts.

argv: bootstrap mixed-topic solo-topic count transactional.id. Runs `count` transactions of 6
records each: i = 0..2 to the mixed topic (shared with the kafkajs producer, spread by key), i = 3..5
to this producer's own topic; transaction n is aborted when n % 3 == 1, committed otherwise. Each
value is "<transactional.id>:<n>:<i>:<intent>". Prints one JSON line per transaction with
its outcome: "committed" (commit_transaction returned), "aborted" (abort_transaction returned) or
"uncertain" (the producer failed fatally mid-way; a new one with the same transactional.id fences
it and the coordinator aborts what was open, but the test cannot tell which side won).
"""
import json
import sys
import time

from confluent_kafka import KafkaException, Producer

bootstrap, mixed, solo, count, txn_id = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]


def new_producer():
    p = Producer({
        "bootstrap.servers": bootstrap,
        "transactional.id": txn_id,
        "transaction.timeout.ms": 10000,
        "linger.ms": 5,
        "message.timeout.ms": 9000,
        "topic.metadata.refresh.interval.ms": 1000,
    })
    p.init_transactions(30)
    return p


def run_one(p, n, intent):
    """Returns the outcome; raises KafkaException only for fatal errors."""
    p.begin_transaction()
    try:
        for i in range(6):
            p.produce(mixed if i < 3 else solo, key=f"{n}-{i}", value=f"{txn_id}:{n}:{i}:{intent}")
        p.flush(30)
        for attempt in range(10):
            try:
                if intent == "commit":
                    p.commit_transaction(30)
                    return "committed"
                p.abort_transaction(30)
                return "aborted"
            except KafkaException as e:
                err = e.args[0]
                if err.fatal():
                    raise
                if err.txn_requires_abort():
                    break
                if not err.retriable():
                    raise
                time.sleep(0.2)
    except KafkaException as e:
        if e.args[0].fatal():
            raise
    # Commit impossible (txn_requires_abort) or retries spent: abort, retried as librdkafka asks.
    for attempt in range(10):
        try:
            p.abort_transaction(30)
            return "aborted"
        except KafkaException as e:
            if e.args[0].fatal() or not e.args[0].retriable():
                raise
            time.sleep(0.2)
    raise KafkaException(f"abort of transaction {n} kept failing")


p = new_producer()
for n in range(count):
    intent = "abort" if n % 3 == 1 else "commit"
    try:
        outcome = run_one(p, n, intent)
    except KafkaException as e:
        outcome = "uncertain"
        print(json.dumps({"error": str(e.args[0])}), file=sys.stderr, flush=True)
        p = new_producer()
    print(json.dumps({"txn": n, "intent": intent, "outcome": outcome}), flush=True)
    time.sleep(0.05)
print(json.dumps({"done": True}), flush=True)
