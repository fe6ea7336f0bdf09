// ApiVersions (key 18), versions 0-3; the v0-format fallback for higher versions is in request-router.ts.
// Answers the handler registry's ranges (its only source); records KIP-511 client software name/version.
import { apiVersions, errorCode } from '../../protocol';
import { defineHandler } from '../handler';

/** KIP-511: both must match this pattern or the request is INVALID_REQUEST (ApiVersionsRequest.isValid). */
const SOFTWARE_PATTERN = /^[a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?$/;

export const apiVersionsHandler = defineHandler(apiVersions, {
  advertised: { min: 0, max: 3 },
  handle(request, context) {
    const { services, apiVersion } = context;
    if (apiVersion >= 3) {
      const name = request.clientSoftwareName ?? '';
      const version = request.clientSoftwareVersion ?? '';
      if (!SOFTWARE_PATTERN.test(name) || !SOFTWARE_PATTERN.test(version)) {
        return { errorCode: errorCode('INVALID_REQUEST'), apiKeys: [], throttleTimeMs: 0 };
      }
      services.connections.clientSoftware(context.connectionId, name, version);
    }
    return { errorCode: 0, apiKeys: services.handlers.advertised(), throttleTimeMs: 0 };
  },
});
