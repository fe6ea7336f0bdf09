/*
 * Paced produce-latency probe on librdkafka, used against both bench targets.
 *
 *   paced-producer --bootstrap HOST:PORT,... --topic T [--rate 1000]
 *                  [--seconds 10] [--size 100] [--warmup 200]
 *
 * Sends one message every 1/rate seconds on an absolute schedule (so a slow
 * ack never delays the next send), acks=all, linger.ms=0, and records for each
 * acknowledged message the time from produce() to its delivery report
 * (rd_kafka_message_latency, microseconds). The first --warmup messages open
 * the connections and fetch metadata; they are sent and awaited but not counted.
 * Prints one JSON line with the percentiles on stdout.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <librdkafka/rdkafka.h>

struct stats {
        int64_t *latency_us;
        size_t count;
        size_t capacity;
        size_t errors;
        int recording;
};

static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m,
                        void *opaque) {
        struct stats *s = opaque;
        (void)rk;
        if (m->err) {
                s->errors++;
                if (s->errors <= 5)
                        fprintf(stderr, "paced-producer: delivery failed: %s\n",
                                rd_kafka_err2str(m->err));
                return;
        }
        if (!m->_private) /* warm-up message */
                return;
        if (s->count < s->capacity)
                s->latency_us[s->count++] = rd_kafka_message_latency(m);
}

static int cmp_i64(const void *a, const void *b) {
        int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
        return (x > y) - (x < y);
}

static double percentile_ms(const int64_t *sorted, size_t n, double p) {
        size_t idx;
        if (n == 0)
                return -1;
        /* Nearest-rank percentile. */
        idx = (size_t)(p / 100.0 * (double)n + 0.999999);
        if (idx < 1)
                idx = 1;
        if (idx > n)
                idx = n;
        return (double)sorted[idx - 1] / 1000.0;
}

static void set(rd_kafka_conf_t *conf, const char *k, const char *v) {
        char errstr[512];
        if (rd_kafka_conf_set(conf, k, v, errstr, sizeof(errstr)) !=
            RD_KAFKA_CONF_OK) {
                fprintf(stderr, "paced-producer: %s=%s: %s\n", k, v, errstr);
                exit(2);
        }
}

static void add_ns(struct timespec *t, int64_t ns) {
        t->tv_nsec += ns % 1000000000;
        t->tv_sec += ns / 1000000000;
        if (t->tv_nsec >= 1000000000) {
                t->tv_nsec -= 1000000000;
                t->tv_sec++;
        }
}

int main(int argc, char **argv) {
        const char *bootstrap = NULL, *topic = NULL;
        int rate = 1000, seconds = 10, size = 100, warmup = 200;
        char errstr[512];
        int i;

        for (i = 1; i + 1 < argc; i += 2) {
                if (!strcmp(argv[i], "--bootstrap"))
                        bootstrap = argv[i + 1];
                else if (!strcmp(argv[i], "--topic"))
                        topic = argv[i + 1];
                else if (!strcmp(argv[i], "--rate"))
                        rate = atoi(argv[i + 1]);
                else if (!strcmp(argv[i], "--seconds"))
                        seconds = atoi(argv[i + 1]);
                else if (!strcmp(argv[i], "--size"))
                        size = atoi(argv[i + 1]);
                else if (!strcmp(argv[i], "--warmup"))
                        warmup = atoi(argv[i + 1]);
                else
                        break;
        }
        if (i != argc || !bootstrap || !topic || rate < 1 || seconds < 1 ||
            size < 0 || warmup < 1) {
                fprintf(stderr,
                        "usage: %s --bootstrap B --topic T [--rate N] "
                        "[--seconds N] [--size N] [--warmup N]\n",
                        argv[0]);
                return 2;
        }

        size_t total = (size_t)rate * (size_t)seconds;
        struct stats st;
        memset(&st, 0, sizeof(st));
        st.capacity   = total;
        st.latency_us = calloc(total, sizeof(int64_t));
        char *payload = malloc((size_t)size + 1);
        if (!st.latency_us || !payload)
                return 1;
        memset(payload, 'x', (size_t)size);

        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        set(conf, "bootstrap.servers", bootstrap);
        set(conf, "acks", "all");
        set(conf, "linger.ms", "0");
        set(conf, "enable.idempotence", "false");
        set(conf, "message.timeout.ms", "30000");
        rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
        rd_kafka_conf_set_opaque(conf, &st);

        rd_kafka_t *rk =
            rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
        if (!rk) {
                fprintf(stderr, "paced-producer: %s\n", errstr);
                return 1;
        }

        for (i = 0; i < warmup; i++) {
                rd_kafka_resp_err_t err = rd_kafka_producev(
                    rk, RD_KAFKA_V_TOPIC(topic),
                    RD_KAFKA_V_VALUE(payload, (size_t)size),
                    RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                    RD_KAFKA_V_OPAQUE(NULL), RD_KAFKA_V_END);
                if (err) {
                        fprintf(stderr, "paced-producer: produce: %s\n",
                                rd_kafka_err2str(err));
                        return 1;
                }
        }
        rd_kafka_flush(rk, 30000);
        if (st.errors) {
                fprintf(stderr, "paced-producer: warm-up failed\n");
                return 1;
        }

        const int64_t interval_ns = 1000000000LL / rate;
        struct timespec next, t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &next);
        t0 = next;
        size_t sent = 0;
        for (size_t n = 0; n < total; n++) {
                clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
                rd_kafka_resp_err_t err = rd_kafka_producev(
                    rk, RD_KAFKA_V_TOPIC(topic),
                    RD_KAFKA_V_VALUE(payload, (size_t)size),
                    RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                    RD_KAFKA_V_OPAQUE((void *)1), RD_KAFKA_V_END);
                if (err)
                        st.errors++;
                else
                        sent++;
                rd_kafka_poll(rk, 0);
                add_ns(&next, interval_ns);
        }
        rd_kafka_flush(rk, 30000);
        clock_gettime(CLOCK_MONOTONIC, &t1);

        qsort(st.latency_us, st.count, sizeof(int64_t), cmp_i64);
        double sum = 0;
        for (size_t k = 0; k < st.count; k++)
                sum += (double)st.latency_us[k];
        double elapsed = (double)(t1.tv_sec - t0.tv_sec) +
                         (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;

        printf("{\"sent\":%zu,\"acked\":%zu,\"errors\":%zu,\"elapsedS\":%.3f,"
               "\"p50Ms\":%.3f,\"p99Ms\":%.3f,\"maxMs\":%.3f,\"meanMs\":%.3f}\n",
               sent, st.count, st.errors, elapsed,
               percentile_ms(st.latency_us, st.count, 50),
               percentile_ms(st.latency_us, st.count, 99),
               percentile_ms(st.latency_us, st.count, 100),
               st.count ? sum / (double)st.count / 1000.0 : -1.0);

        rd_kafka_destroy(rk);
        free(st.latency_us);
        free(payload);
        return st.errors ? 1 : 0;
}
