// DescribeLogDirs (key 35), versions 0-4: this broker's log directory with per-partition sizes and offset lag; topics null = all.
// v3+ top-level errorCode; v4+ totalBytes/usableBytes (KIP-827).
import { defineHandler } from '../handler';
import { code } from './common';

interface DescribeLogDirsRequest {
  topics: { topic: string; partitions: number[] }[] | null;
}

interface DescribeLogDirsResponse {
  throttleTimeMs: number;
  errorCode: number;
  results: {
    errorCode: number;
    logDir: string;
    topics: { name: string; partitions: { partitionIndex: number; partitionSize: number; offsetLag: number; isFutureKey: boolean }[] }[];
    totalBytes: number;
    usableBytes: number;
  }[];
}

export const describeLogDirsHandler = defineHandler<DescribeLogDirsRequest, DescribeLogDirsResponse>({
  apiKey: 35,
  apiName: 'DescribeLogDirs',
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
