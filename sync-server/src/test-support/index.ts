// What other packages' tests (the web e2e) use to start a real sync server and read the mail it sends.
export { createTestEnv, postJson, request, type JsonResponse, type TestEnv } from './test-server';
export { addressesOf, extractLink, mailTo, startSmtpCapture, type SmtpCapture } from './smtp-capture';
export { readOutbox, type OutboxMail } from '../mail/outbox';
