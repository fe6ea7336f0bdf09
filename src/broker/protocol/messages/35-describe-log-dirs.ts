/**
 * DescribeLogDirs (key 35), versions 0-4; flexible from v2 (KIP-113). Per log directory of the
 * broker, the size of each replica and its lag (offsetLag: the leader's high watermark minus this
 * replica's log end offset; 0 for the leader). A null topic list means every partition.
 * v4 adds the directory's total and usable bytes (KIP-827, −1 unknown).
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const describeLogDirs = api(35, 'DescribeLogDirs',
  message('DescribeLogDirsRequest', '0-4', '2+', [
    array('topics', [
      field('topic', 'string', '0+'),
      array('partitions', 'int32', '0+'),
    ], '0+', { nullable: '0+' }),
  ]),
  message('DescribeLogDirsResponse', '0-4', '2+', [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '3+', { ignorable: true }),
    array('results', [
      field('errorCode', 'int16', '0+'),
      field('logDir', 'string', '0+'),
      array('topics', [
        field('name', 'string', '0+'),
        array('partitions', [
          field('partitionIndex', 'int32', '0+'),
          field('partitionSize', 'int64', '0+'),
          field('offsetLag', 'int64', '0+'),
          field('isFutureKey', 'bool', '0+'),
        ], '0+'),
      ], '0+'),
      field('totalBytes', 'int64', '4+', { default: -1, ignorable: true }),
      field('usableBytes', 'int64', '4+', { default: -1, ignorable: true }),
    ], '0+'),
  ]),
);

export type DescribeLogDirsRequest = DecodedRequest<typeof describeLogDirs>;
export type DescribeLogDirsResponse = EncodableResponse<typeof describeLogDirs>;
