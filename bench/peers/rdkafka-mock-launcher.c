/*
 * Benchmark peer: librdkafka's own mock cluster (rdkafka_mock.h), started as a
 * standalone process so the bench can measure its CPU the same way as ours.
 *
 *   rdkafka-mock-launcher [--brokers N] [--topic name:partitions:replicationFactor]...
 *
 * Prints "rdkafka-mock ready bootstrap=<list>" once the listeners are up, then
 * runs until stdin reaches EOF (the bench died or closed the pipe) or SIGTERM/SIGINT.
 *
 * What the peer is (rdkafka_mock.h, librdkafka 2.x): every broker listens on
 * loopback, ISR is always the full replica list, a produce is appended to the
 * leader's log only and acknowledged at once whatever acks says, CRCs are not
 * verified, and each partition keeps at most 5 MB / 100,000 batches (older
 * batches are dropped) — the bench sizes its partition count accordingly.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

static volatile sig_atomic_t stop_requested = 0;

static void on_signal(int sig) {
        (void)sig;
        stop_requested = 1;
}

static void usage(const char *argv0) {
        fprintf(stderr,
                "usage: %s [--brokers N] [--topic name:partitions:rf]...\n",
                argv0);
        exit(2);
}

/* Parses "name:partitions:rf" in place; returns 0 on success. */
static int parse_topic(char *spec, const char **name, int *partitions,
                       int *rf) {
        char *p1 = strchr(spec, ':');
        char *p2 = p1 ? strchr(p1 + 1, ':') : NULL;
        if (!p1 || !p2)
                return -1;
        *p1 = '\0';
        *p2 = '\0';
        *name       = spec;
        *partitions = atoi(p1 + 1);
        *rf         = atoi(p2 + 1);
        return (*name[0] && *partitions > 0 && *rf > 0) ? 0 : -1;
}

int main(int argc, char **argv) {
        int brokers = 3;
        char errstr[512];
        int i;

        for (i = 1; i < argc; i++) {
                if (!strcmp(argv[i], "--brokers") && i + 1 < argc)
                        brokers = atoi(argv[++i]);
                else if (!strcmp(argv[i], "--topic") && i + 1 < argc)
                        i++; /* handled after the cluster exists */
                else
                        usage(argv[0]);
        }
        if (brokers < 1)
                usage(argv[0]);

        /* The mock cluster needs an rd_kafka_t for its bookkeeping only; this
         * handle never connects anywhere. log_level 3 hides the warning about
         * the handle having no bootstrap.servers. */
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        if (rd_kafka_conf_set(conf, "log_level", "3", errstr,
                              sizeof(errstr)) != RD_KAFKA_CONF_OK) {
                fprintf(stderr, "rdkafka-mock: %s\n", errstr);
                return 1;
        }
        rd_kafka_t *rk =
            rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
        if (!rk) {
                fprintf(stderr, "rdkafka-mock: rd_kafka_new: %s\n", errstr);
                return 1;
        }

        rd_kafka_mock_cluster_t *mcluster =
            rd_kafka_mock_cluster_new(rk, brokers);
        if (!mcluster) {
                fprintf(stderr, "rdkafka-mock: cluster creation failed\n");
                rd_kafka_destroy(rk);
                return 1;
        }

        for (i = 1; i < argc; i++) {
                const char *name;
                int partitions, rf;
                rd_kafka_resp_err_t err;
                if (strcmp(argv[i], "--topic") != 0) {
                        if (!strcmp(argv[i], "--brokers"))
                                i++;
                        continue;
                }
                if (parse_topic(argv[++i], &name, &partitions, &rf) != 0)
                        usage(argv[0]);
                err = rd_kafka_mock_topic_create(mcluster, name, partitions,
                                                 rf);
                if (err) {
                        fprintf(stderr,
                                "rdkafka-mock: topic %s: %s\n", name,
                                rd_kafka_err2str(err));
                        rd_kafka_mock_cluster_destroy(mcluster);
                        rd_kafka_destroy(rk);
                        return 1;
                }
        }

        struct sigaction sa;
        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = on_signal;
        /* No SA_RESTART: the blocking read() below must return EINTR. */
        sigaction(SIGTERM, &sa, NULL);
        sigaction(SIGINT, &sa, NULL);
        signal(SIGPIPE, SIG_IGN);

        printf("rdkafka-mock ready bootstrap=%s\n",
               rd_kafka_mock_cluster_bootstraps(mcluster));
        fflush(stdout);

        while (!stop_requested) {
                char buf[256];
                ssize_t r = read(STDIN_FILENO, buf, sizeof(buf));
                if (r == 0)
                        break;
                if (r < 0 && errno != EINTR)
                        break;
        }

        rd_kafka_mock_cluster_destroy(mcluster);
        rd_kafka_destroy(rk);
        return 0;
}
