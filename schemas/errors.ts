// The one error vocabulary: stable codes shared by the HTTP layer, repositories and workflows.
import { z } from 'zod';
import { ErrorCode } from './error-codes.js';

export { ErrorCode };

/** HTTP status per code; the HTTP layer is the only place that knows about statuses. */
export const errorStatus: Record<ErrorCode, number> = {
  MALFORMED_JSON: 400,
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  OWN_PASSWORD_RESET: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  HEADERS_TOO_LARGE: 431,
  REQUEST_TIMEOUT: 408,
  DUPLICATE_CUSTOMER: 409,
  DUPLICATE_REP: 409,
  DUPLICATE_TEAM: 409,
  CUSTOMER_OWNED: 409,
  CUSTOMER_WON: 409,
  NOT_OWNER: 403,
  CAP_REACHED: 409,
  DAILY_LIMIT_REACHED: 409,
  COOLDOWN: 409,
  REP_INACTIVE: 403,
  CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  KEY_CAP_REACHED: 409,
  DEADLINE_WOULD_PASS: 409,
  POOL_CLOSED: 403,
  QUOTE_PENDING: 409,
  COMPANY_PROFILE_INCOMPLETE: 409,
  NOT_APPROVER: 403,
  SELF_APPROVAL: 403,
  APPROVAL_DECIDED: 409,
  RULE_TESTS_FAILED: 409,
  NOTHING_TO_DISPUTE: 409,
  NOT_INVOLVED: 403,
  DISPUTE_WINDOW_CLOSED: 409,
  DISPUTE_OPEN: 409,
  DISPUTE_DECIDED: 409,
  DECISION_OVERTURNED: 409,
  DISPUTE_BEING_DECIDED: 409,
  LAST_ADMIN: 409,
  NOT_DECIDER: 403,
  OWN_DISPUTE: 403,
  SIGN_IN_FAILED: 401,
  ACCOUNT_LOCKED: 423,
  CSRF_REFUSED: 403,
  INSUFFICIENT_SCOPE: 403,
  WRONG_PASSWORD: 403,
  INVITATION_INVALID: 410,
  ALREADY_SIGNED_UP: 409,
  REP_ON_LEAVE: 409,
  ALREADY_OWNER: 409,
  ALREADY_IN_POOL: 409,
  ALREADY_COLLABORATOR: 409,
  COLLABORATION_CAP_REACHED: 409,
  JOINT_FOLLOW_UP_OPEN: 409,
  NO_JOINT_FOLLOW_UP: 409,
  RATE_LIMITED: 429,
  WORKFLOW_UNAVAILABLE: 503,
  TEMPORARILY_UNAVAILABLE: 503,
  DATABASE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
      requestId: z.string().optional(),
    }),
  })
  .meta({ id: 'Error', description: 'The one error shape of every non-2xx answer.' });
export type ErrorBody = z.infer<typeof ErrorBody>;
