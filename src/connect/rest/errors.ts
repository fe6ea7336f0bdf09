/**
 * An error the REST API answers with Kafka Connect's body `{"error_code":<HTTP status>,"message":…}`
 * (ConnectRestException, mapped by ConnectExceptionMapper).
 */
export class ConnectRestError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'ConnectRestError';
  }
}
