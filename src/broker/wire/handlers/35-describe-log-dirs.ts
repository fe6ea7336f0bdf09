// DescribeLogDirs (key 35), versions 0-4: this broker's log directory with per-partition sizes and offset lag; topics null = all.
// v3+ top-level errorCode; v4+ totalBytes/usableBytes (KIP-827).
import { describeLogDirs } from '../../protocol';
import { defineHandler } from '../handler';
import { code } from './common';

export const describeLogDirsHandler = defineHandler(describeLogDirs, {
  advertised: { min: 0, max: 4 },
  handle(request, context) {
    const dirs = context.services.cluster.describeLogDirs(context.brokerId, request.topics);
    return {
      throttleTimeMs: 0,
      errorCode: 0,
      results: dirs.map((d) => ({
        errorCode: code(d.errorName),
        logDir: d.logDir,
        topics: d.topics.map((t) => ({
          name: t.topic,
          partitions: t.partitions.map((p) => ({ partitionIndex: p.partition, partitionSize: p.sizeBytes, offsetLag: p.offsetLag, isFutureKey: p.isFutureKey })),
        })),
        totalBytes: d.totalBytes,
        usableBytes: d.usableBytes,
      })),
    };
  },
});
