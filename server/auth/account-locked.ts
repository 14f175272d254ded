// The one refusal of an account locked after repeated wrong passwords, wherever a password is
// checked (sign-in, changing one's own password): 423 ACCOUNT_LOCKED with the time it ends.
import { AppError, ErrorCode } from '../errors.js';

export const accountLocked = (until: Date) =>
  new AppError(ErrorCode.ACCOUNT_LOCKED, `This account is locked after repeated wrong passwords until ${until.toISOString()}; an admin can unlock it sooner.`, {
    lockedUntil: until.toISOString(),
  });
