/**
 * DeleteTopics (key 20), versions 0-6; flexible from v4. Up to v5 topics are a list of names;
 * v6 names them by name or topic id (KIP-516). Errors: UNKNOWN_TOPIC_OR_PARTITION,
 * UNKNOWN_TOPIC_ID, TOPIC_DELETION_DISABLED, INVALID_REQUEST.
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const deleteTopics = api(20, 'DeleteTopics',
  message('DeleteTopicsRequest', '0-6', '4+', [
    array('topics', [
      field('name', 'string', '6+', { nullable: '6+', default: null }),
      field('topicId', 'uuid', '6+'),
    ], '6+'),
    array('topicNames', 'string', '0-5', { ignorable: true }),
    field('timeoutMs', 'int32', '0+'),
  ]),
  message('DeleteTopicsResponse', '0-6', '4+', [
    field('throttleTimeMs', 'int32', '1+', { ignorable: true }),
    array('responses', [
      field('name', 'string', '0+', { nullable: '6+' }),
      field('topicId', 'uuid', '6+', { ignorable: true }),
      field('errorCode', 'int16', '0+'),
      field('errorMessage', 'string', '5+', { nullable: '5+', default: null, ignorable: true }),
    ], '0+'),
  ]),
);

export type DeleteTopicsRequest = DecodedRequest<typeof deleteTopics>;
export type DeleteTopicsResponse = EncodableResponse<typeof deleteTopics>;
