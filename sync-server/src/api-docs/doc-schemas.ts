// Schemas of answers that exist only as TypeScript types in shared (account views, error bodies): written out
// here so the API docs can show them. Documentation only: answers are serialised as plain JSON.
import { roleSchema } from '@poisklinik/shared';

export const errorBodySchema = {
  $id: 'ErrorBody',
  title: 'error',
  description: 'Every failing request answers with this body and a 4xx (or an opaque 500).',
  type: 'object',
  properties: {
    error: { type: 'string', description: 'Machine-readable code, e.g. bad_request, unauthorized, forbidden.' },
    reason: { type: 'string', description: 'What is wrong, in English (the app shows its own localised text).' },
    field: { type: 'string', description: 'The request field at fault, when there is one.' },
  },
  required: ['error', 'reason'],
} as const;

export const accountViewSchema = {
  $id: 'AccountView',
  title: 'account',
  description: 'What the API shows of an account (never credentials).',
  type: 'object',
  properties: {
    id: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    phone: { type: 'string' },
    roles: { type: 'array', items: roleSchema },
    createdAt: { type: 'string', format: 'date-time' },
    disabled: { type: 'boolean' },
  },
  required: ['id', 'email', 'name', 'roles', 'createdAt'],
} as const;

export const sessionInfoSchema = {
  $id: 'SessionInfo',
  title: 'session',
  type: 'object',
  properties: {
    user: { $ref: 'AccountView#' },
    expiresAt: { type: 'string', format: 'date-time', description: 'When the session ends if unused (sliding).' },
  },
  required: ['user', 'expiresAt'],
} as const;

const errorRef = { $ref: 'ErrorBody#' } as const;

const errorDescriptions: Record<number, string> = {
  400: 'The request is invalid (the reason names the field).',
  401: 'Not signed in (no or expired session cookie).',
  403: 'Signed in without the needed role, or a cross-site write.',
  404: 'Not found.',
  405: 'Method not allowed here.',
  409: 'Conflict with the stored state.',
  415: 'Unsupported content type.',
  429: 'Too many requests (see Retry-After).',
};

/** Error answers for a route's `response` schema: `{400: {…ErrorBody}, …}`. */
export function errorResponses(...statuses: number[]): Record<number, { description: string; $ref: string }> {
  return Object.fromEntries(statuses.map((s) => [s, { description: errorDescriptions[s] ?? 'Error.', ...errorRef }]));
}

export const noContent = { 204: { description: 'Done; no body.', type: 'null' } } as const;
