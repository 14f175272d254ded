// Who is acting: the authenticated rep behind a request, as the domain sees them.
import type { Role } from '../../schemas/common.js';

export interface Actor {
  repId: string;
  name: string;
  role: Role;
  teamId: string | null;
  active: boolean;
  tokenId: string;
}
