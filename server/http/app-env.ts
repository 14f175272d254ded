// Typed context variables shared by every route.
import type { Role } from '../../schemas/common.js';

export interface Actor {
  repId: string;
  name: string;
  role: Role;
  teamId: string | null;
  active: boolean;
  tokenId: string;
}

export interface AppEnv {
  Variables: {
    actor: Actor;
    requestId: string;
  };
}
