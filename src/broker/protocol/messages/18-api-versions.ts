/**
 * ApiVersions (key 18), versions 0-3; flexible from v3. The response header is always v0 (see
 * headers.ts). v3 requests carry the client's software name and version (KIP-511); the response
 * lists every served API with its version range, then feature tags (KIP-584).
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const apiVersions = api(18, 'ApiVersions',
  message('ApiVersionsRequest', '0-3', '3+', [
    field('clientSoftwareName', 'string', '3+', { ignorable: true }),
    field('clientSoftwareVersion', 'string', '3+', { ignorable: true }),
  ]),
  message('ApiVersionsResponse', '0-3', '3+', [
    field('errorCode', 'int16', '0+'),
    array('apiKeys', [
      field('apiKey', 'int16', '0+'),
      field('minVersion', 'int16', '0+'),
      field('maxVersion', 'int16', '0+'),
    ], '0+'),
    field('throttleTimeMs', 'int32', '1+', { ignorable: true }),
    array('supportedFeatures', [
      field('name', 'string', '3+'),
      field('minVersion', 'int16', '3+'),
      field('maxVersion', 'int16', '3+'),
    ], '3+', { tagged: '3+', tag: 0, ignorable: true }),
    field('finalizedFeaturesEpoch', 'int64', '3+', { tagged: '3+', tag: 1, default: -1, ignorable: true }),
    array('finalizedFeatures', [
      field('name', 'string', '3+'),
      field('maxVersionLevel', 'int16', '3+'),
      field('minVersionLevel', 'int16', '3+'),
    ], '3+', { tagged: '3+', tag: 2, ignorable: true }),
    field('zkMigrationReady', 'bool', '3+', { tagged: '3+', tag: 3, default: false, ignorable: true }),
  ]),
);

export type ApiVersionsRequest = DecodedRequest<typeof apiVersions>;
export type ApiVersionsResponse = EncodableResponse<typeof apiVersions>;
export type ApiVersionRange = ApiVersionsResponse['apiKeys'][number];
